package io.chorus.harness.population;

import io.chorus.harness.stack.StackDescription;

/**
 * Loads a population into a running stack before the workload starts.
 *
 * <p>Contract: {@link #seed} writes every user, channel and membership of the plan (through the admin NDJSON
 * import, {@code POST /v1/admin/import}, in batches) and returns only when the command side can authorise every
 * membership (the {@code permissions} KV holds it) and the query side lists it; it is idempotent, so a retried
 * seed after a failure neither fails nor duplicates; and it throws with the failing batch and the server's error
 * when the stack refuses the data. It does not send messages and does not open sockets.
 *
 * <p>Implemented by {@link ImportSeeder} (decision 0034).
 */
public interface Seeder {
    Seeded seed(PopulationPlan plan, StackDescription stack);

    /** What the workload needs to act as the seeded users: a way to get each user's bearer token. */
    interface Seeded {
        String tokenFor(String user);
    }
}
