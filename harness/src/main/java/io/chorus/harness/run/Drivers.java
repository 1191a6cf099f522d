package io.chorus.harness.run;

import io.chorus.harness.population.ImportSeeder;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.workload.CostProbe;
import io.chorus.harness.workload.GatlingWorkload;
import io.chorus.harness.workload.HistoryApiCollector;
import io.chorus.harness.workload.OnlineFleet;
import io.chorus.harness.workload.StoreCollector;
import io.chorus.harness.workload.WebSocketFleet;
import io.chorus.harness.workload.Workload;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The parts of a run that talk to the backend's endpoints. Each is null until its implementation exists; a run
 * that lacks one fails (exit 2) before it starts a stack, naming what is missing, rather than faking a pass.
 */
public record Drivers(Seeder seeder, Supplier<OnlineFleet> fleet, Supplier<Workload> workload, StoreCollector store,
        CostProbe costs) {
    /** Without cost samples: the run's fan-out cost metrics then have no data. */
    public Drivers(Seeder seeder, Supplier<OnlineFleet> fleet, Supplier<Workload> workload, StoreCollector store) {
        this(seeder, fleet, workload, store, null);
    }

    /**
     * The drivers this build has: the import seeder, the WebSocket fleet, the history listing and the cost probe
     * (decision 0034), and the REST workload through Gatling (decision 0037).
     */
    public static Drivers available() {
        return available(System.out);
    }

    /** As {@link #available()}, the seeder reporting its progress on {@code out}. */
    public static Drivers available(PrintStream out) {
        return new Drivers(new ImportSeeder(out), WebSocketFleet::new, GatlingWorkload::new,
                new HistoryApiCollector(), new CostProbe());
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
