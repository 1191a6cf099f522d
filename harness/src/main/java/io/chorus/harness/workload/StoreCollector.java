package io.chorus.harness.workload;

import io.chorus.harness.checker.StoreListing;
import io.chorus.harness.stack.StackDescription;
import java.util.Set;

/**
 * After the run has drained: lists every stored message of the channels the run wrote to, through the Query API
 * ({@code GET /v1/channels/{id}/messages}, paging to the end), for the loss checker.
 *
 * <p>Contract: waits until the message writer has caught up (the listing stops growing for a quiet period, within
 * a deadline), then lists; never changes anything. Not implemented yet: the history endpoint is being built on
 * another branch.
 */
public interface StoreCollector {
    StoreListing collect(StackDescription stack, Set<String> channels);
}
