package io.chorus.harness.run;

import io.chorus.harness.population.Seeder;
import io.chorus.harness.workload.GatlingWorkload;
import io.chorus.harness.workload.OnlineFleet;
import io.chorus.harness.workload.StoreCollector;
import io.chorus.harness.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The parts of a run that talk to the backend's endpoints. Each is null until its implementation exists; a run
 * that lacks one fails (exit 2) before it starts a stack, naming what is missing, rather than faking a pass.
 */
public record Drivers(Seeder seeder, Supplier<OnlineFleet> fleet, Supplier<Workload> workload, StoreCollector store) {
    /** The drivers this build has: the REST workload (decision 0037); the others are being built (decision 0031). */
    public static Drivers available() {
        return new Drivers(null, null, GatlingWorkload::new, null);
    }

    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (seeder == null) {
            missing.add("the population seeder (needs POST /v1/admin/import)");
        }
        if (fleet == null) {
            missing.add("the WebSocket fleet (needs /v1/ws on the notification instances)");
        }
        if (workload == null) {
            missing.add("the REST workload (needs POST /v1/channels/{id}/messages)");
        }
        if (store == null) {
            missing.add("the store listing (needs GET /v1/channels/{id}/messages)");
        }
        return missing;
    }
}
