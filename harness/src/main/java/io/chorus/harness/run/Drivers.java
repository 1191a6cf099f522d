package io.chorus.harness.run;

import io.chorus.harness.bench.JetStreamBaseline;
import io.chorus.harness.population.ImportSeeder;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.stack.engines.Engines;
import io.chorus.harness.workload.CostProbe;
import io.chorus.harness.workload.GatlingWorkload;
import io.chorus.harness.workload.HistoryApiCollector;
import io.chorus.harness.workload.OnlineFleet;
import io.chorus.harness.workload.StoreCollector;
import io.chorus.harness.workload.WebSocketFleet;
import io.chorus.harness.workload.Workload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The parts of a run that talk to the backend's endpoints. Each is null until its implementation exists; a run
 * that lacks one fails (exit 2) before it starts a stack, naming what is missing, rather than faking a pass.
 */
public record Drivers(
        Seeder seeder,
        Supplier<OnlineFleet> fleet,
        Supplier<Workload> workload,
        StoreCollector store,
        CostProbe costs,
        Function<Path, JetStreamBaseline> baseline) {
    /** Without cost samples: the run's fan-out cost metrics then have no data. */
    public Drivers(Seeder seeder, Supplier<OnlineFleet> fleet, Supplier<Workload> workload, StoreCollector store) {
        this(seeder, fleet, workload, store, null, null);
    }

    /** Without the JetStream baseline: a ramp then reports no {@code throughput.vs_jetstream}. */
    public Drivers(
            Seeder seeder,
            Supplier<OnlineFleet> fleet,
            Supplier<Workload> workload,
            StoreCollector store,
            CostProbe costs) {
        this(seeder, fleet, workload, store, costs, null);
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
        return available(out, null);
    }

    /**
     * As {@link #available(PrintStream)}, with the JetStream baseline of a ramp measured by {@code nats bench} from
     * {@code engines} (installed on first use; null: no baseline).
     */
    public static Drivers available(PrintStream out, Engines engines) {
        Function<Path, JetStreamBaseline> baseline =
                engines == null ? null : folder -> new JetStreamBaseline(engines.natsCli(), folder);
        return new Drivers(
                new ImportSeeder(out),
                WebSocketFleet::throughGateway,
                GatlingWorkload::throughGateway,
                new HistoryApiCollector(),
                new CostProbe(),
                baseline);
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
