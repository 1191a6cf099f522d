package io.chorus.harness.workload;

import io.chorus.harness.checker.StoreListing;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.stack.StackDescription;
import java.util.Map;

/**
 * After the run has drained: lists every stored message of the channels the run wrote to, through the Query API
 * ({@code GET /v1/channels/{id}/messages}, paging to the end), for the loss checker.
 *
 * <p>Contract: reads each channel as the member {@code readers} names for it (history is for members only), with
 * that user's token from {@code users}; waits until the message writer has caught up (the listing stops growing
 * for a quiet period, within a deadline), then returns the last listing; never changes anything.
 */
public interface StoreCollector {
    StoreListing collect(StackDescription stack, Map<String, String> readers, Seeder.Seeded users);
}
