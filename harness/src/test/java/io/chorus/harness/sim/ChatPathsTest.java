package io.chorus.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatPathsTest {
    private static final ChatPaths.Shape SHAPE = ChatPaths.Shape.perProcess(3, 2, 8, 1);

    private static Calibration calibration(double publishes) {
        return new Calibration(
                Map.of(
                        Calibration.COMMAND, 1_000.0,
                        Calibration.JETSTREAM, 1_500.0,
                        Calibration.FANOUT, 300.0,
                        Calibration.NOTIFICATION, 100.0,
                        Calibration.MESSAGE_WRITER, 800.0,
                        Calibration.META_WRITER, 200.0,
                        Calibration.SEARCH_INDEXER, 700.0),
                publishes,
                publishes * 4); // 4 frames per publish
    }

    private static Station.Stats station(ChatPaths.Prediction p, String name) {
        return p.stations().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyMessageIsPublishedToAsManyInstancesAsCalibratedAndDeliveredThere() {
        ChatPaths.Prediction p = new ChatPaths(1, calibration(3), SHAPE).run(200, 100);

        assertThat(p.messages()).isBetween(19_000L, 21_000L);
        assertThat(p.publishes()).isEqualTo(3 * p.messages());
        assertThat(p.publishesPerMessage()).isEqualTo(3.0);
        assertThat(p.send().count()).isEqualTo(p.messages());
        assertThat(p.delivery().count()).isEqualTo(p.publishes());
    }

    @Test
    void aFractionalPublishCountIsMetOnAverage() {
        ChatPaths.Prediction p = new ChatPaths(2, calibration(2.5), SHAPE).run(200, 100);

        assertThat(p.publishesPerMessage()).isCloseTo(2.5, within(0.02));
    }

    @Test
    void eachComponentIsAsBusyAsItsRateTimesItsCostOverItsCores() {
        ChatPaths.Prediction p = new ChatPaths(3, calibration(3), SHAPE).run(400, 200);

        assertThat(station(p, "command").utilisation()).isCloseTo(400 * 0.001, within(0.02)); // 1 core
        assertThat(station(p, "jetstream").utilisation()).isCloseTo(400 * 0.0015 / 3, within(0.02)); // 3 nodes
        assertThat(station(p, "fanout-1").utilisation()).isCloseTo(200 * 0.0003, within(0.01)); // half the channels
        // 3 of 8 instances per message, 4 frames of 100 us per publish
        assertThat(station(p, "notification-1").utilisation()).isCloseTo(400 * 3 / 8.0 * 0.0004, within(0.02));
        assertThat(p.firstToSaturate()).isEqualTo("command");
    }

    @Test
    void sendsWaitLessThanDeliveriesAndBothAtLeastTheirServiceTimes() {
        ChatPaths.Prediction p = new ChatPaths(4, calibration(3), SHAPE).run(200, 100);

        assertThat(p.send().mean()).isGreaterThan(2.0); // command 1 ms + JetStream 1.5 ms, on average
        assertThat(p.delivery().p50()).isGreaterThan(p.send().p50());
    }

    @Test
    void theSameSeedPredictsTheSame() {
        ChatPaths.Prediction a = new ChatPaths(5, calibration(2.5), SHAPE).run(300, 30);
        ChatPaths.Prediction b = new ChatPaths(5, calibration(2.5), SHAPE).run(300, 30);

        assertThat(b).isEqualTo(a);
    }

    @Test
    void theComponentWithTheMostWorkPerCoreSaturatesFirst() {
        Map<String, Double> costs = new java.util.HashMap<>(calibration(3).microsPerUnit());
        costs.put(Calibration.SEARCH_INDEXER, 2_000.0); // above the command's 1,000
        ChatPaths.Prediction p = new ChatPaths(6, new Calibration(costs, 3, 12), SHAPE).run(400, 50);

        assertThat(p.firstToSaturate()).isEqualTo(Calibration.SEARCH_INDEXER);
        assertThat(station(p, Calibration.SEARCH_INDEXER).utilisation()).isCloseTo(0.8, within(0.04));
    }

    @Test
    void onASharedMachineEveryComponentsCpuAddsUpToTheMachinesUtilisation() {
        Calibration c = new Calibration(calibration(3).microsPerUnit(), 3, 12, Map.of("cassandra-1", 1_000.0), 0.25, 2);
        ChatPaths.Prediction p = new ChatPaths(7, c, ChatPaths.Shape.sharedMachine(3, 2, 8, 2)).run(200, 200);

        // per message: 1,000 + 1,500 + 300 + 3 x 400 + 800 + 200 + 700 on the paths, 1,000 beside them
        double pathCores = 200 * (1_000 + 1_500 + 300 + 3 * 400 + 800 + 200 + 700) / 1e6;
        double besideCores = 200 * 1_000 / 1e6;
        assertThat(p.machine().utilisation()).isCloseTo((pathCores + besideCores + 0.25) / 2, within(0.02));
        assertThat(station(p, ChatPaths.IDLE).utilisation()).isCloseTo(0.25 / 2, within(0.01));
        assertThat(station(p, "cassandra-1").utilisation()).isCloseTo(besideCores / 2, within(0.01));
        assertThat(station(p, "jetstream").utilisation()).isCloseTo(200 * 0.0015 / 2, within(0.01));
        assertThat(p.firstToSaturate()).isEqualTo("jetstream");
    }

    @Test
    void theIdleCpuOfASharedMachineDelaysASendOnlyByTheEndOfItsBursts() {
        Calibration quiet = new Calibration(calibration(3).microsPerUnit(), 3, 12, Map.of(), 0, 2);
        Calibration busy = new Calibration(calibration(3).microsPerUnit(), 3, 12, Map.of(), 0.6, 2);
        ChatPaths.Shape machine = ChatPaths.Shape.sharedMachine(3, 2, 8, 2);

        ChatPaths.Prediction calm = new ChatPaths(8, quiet, machine).run(200, 100);
        ChatPaths.Prediction loaded = new ChatPaths(8, busy, machine).run(200, 100);

        assertThat(loaded.machine().utilisation()).isGreaterThan(calm.machine().utilisation() + 0.25);
        // the idle bursts take a core only when no send waits, but a send that finds both cores busy with them
        // waits for the first to end (1 ms bursts)
        assertThat(loaded.send().p95())
                .isGreaterThan(calm.send().p95())
                .isLessThan(calm.send().p95() + 3.0);
        assertThat(loaded.firstToSaturate()).isNotEqualTo(ChatPaths.IDLE);
    }

    @Test
    void theProcessesOutsideTheRunLoadTheSharedMachineAsTheRunsOwnIdleDoes() {
        Calibration alone = new Calibration(calibration(3).microsPerUnit(), 3, 12, Map.of(), 0.1, 2, 0);
        Calibration shared = new Calibration(calibration(3).microsPerUnit(), 3, 12, Map.of(), 0.1, 2, 0.5);
        ChatPaths.Shape machine = ChatPaths.Shape.sharedMachine(3, 2, 8, 2);

        ChatPaths.Prediction quiet = new ChatPaths(8, alone, machine).run(200, 100);
        ChatPaths.Prediction busy = new ChatPaths(8, shared, machine).run(200, 100);

        assertThat(station(busy, ChatPaths.OTHERS).utilisation()).isCloseTo(0.5 / 2, within(0.01));
        assertThat(busy.send().p95())
                .isGreaterThan(quiet.send().p95())
                .isLessThan(quiet.send().p95() + 3.0);
        assertThat(busy.firstToSaturate()).isNotEqualTo(ChatPaths.OTHERS);
        // per process nothing else runs beside the instances: the others are the calibration machine's alone
        ChatPaths.Shape own = ChatPaths.Shape.perProcess(3, 2, 8, 1);
        assertThat(new ChatPaths(8, shared, own).run(200, 100).send().p95())
                .isEqualTo(new ChatPaths(8, alone, own).run(200, 100).send().p95());
    }

    @Test
    void aMachineKeptNearlyFullByOtherProcessesStillServesTheSendsBurstsFirst() {
        // as PredictedBackIT's busy machine: the run's idle CPU and other builds keep 1.7 of 2 cores busy, the
        // paths and Cassandra add 0.28; a FIFO queue at 99 % made every send wait seconds where Linux served it
        Map<String, Double> cassandra = Map.of("cassandra-1", 2_000.0);
        Calibration quiet = new Calibration(calibration(1).microsPerUnit(), 1, 4, cassandra, 0, 2, 0);
        Calibration loaded = new Calibration(calibration(1).microsPerUnit(), 1, 4, cassandra, 1.1, 2, 0.6);
        ChatPaths.Shape machine = ChatPaths.Shape.sharedMachine(3, 1, 2, 2);

        ChatPaths.Prediction calm = new ChatPaths(11, quiet, machine).run(40, 120);
        ChatPaths.Prediction full = new ChatPaths(11, loaded, machine).run(40, 120);

        assertThat(full.machine().utilisation()).isGreaterThan(0.97);
        assertThat(full.achievedRate()).isCloseTo(40, within(2.0));
        // a send waits at most for the end of a background burst (1 ms) at each of its hops on the machine
        assertThat(full.send().p50()).isLessThan(calm.send().p50() + 2.0);
        assertThat(full.send().p95()).isLessThan(calm.send().p95() + 4.0);
        assertThat(full.delivery().p95()).isLessThan(calm.delivery().p95() + 6.0);
    }

    private static Calibration floored(double idleCores) {
        Map<String, Double> micros = new java.util.TreeMap<>(calibration(1).microsPerUnit());
        micros.put(Calibration.LOAD_GENERATOR, 2_000.0);
        // send floor 2.2 ms, delivery floor 2.6 ms: 2 ms of the send path's 4.5 ms of CPU, 0.4 of the delivery's
        return new Calibration(
                micros, 1, 4, Map.of("cassandra-1", 500.0), idleCores, 2, 0, new Calibration.Floors(0.0022, 0.0026, 0));
    }

    @Test
    void withMeasuredFloorsAnUnhurriedMessageTakesItsFloor() {
        ChatPaths.Shape machine = ChatPaths.Shape.sharedMachine(3, 1, 2, 2);

        ChatPaths.Prediction p = new ChatPaths(12, floored(0), machine).run(5, 400);

        // the paths' work is the floor's, always the same: a send that found a core free takes just that
        assertThat(p.send().p50()).isCloseTo(2.2, within(0.1));
        assertThat(p.delivery().p50()).isCloseTo(2.6, within(0.1));
        // the rest of every component's CPU still keeps the machine busy: 5 msg/s of 4.5 + 0.3 + 0.4 + 1.7 + 0.5 ms
        assertThat(p.machine().utilisation()).isCloseTo(5 * 0.0074 / 2, within(0.003));
        assertThat(station(p, "jetstream").utilisation()
                        + station(p, "nats" + ChatPaths.BESIDE).utilisation())
                .isCloseTo(5 * 0.0015 / 2, within(0.001));
    }

    @Test
    void withMeasuredFloorsAMessageWaitsForTheCoresAsAnEqualOfTheWorkBesideIt() {
        ChatPaths.Shape machine = ChatPaths.Shape.sharedMachine(3, 1, 2, 2);

        ChatPaths.Prediction calm = new ChatPaths(13, floored(0.2), machine).run(40, 120);
        ChatPaths.Prediction busy = new ChatPaths(13, floored(1.4), machine).run(40, 120);

        assertThat(busy.machine().utilisation()).isGreaterThan(0.8);
        // not served first (decision 0270's priority, which gave sends a few ms at most on such a machine): behind
        // whatever bursts came before it at each hop
        assertThat(busy.send().p95()).isGreaterThan(calm.send().p95() + 5.0);
        assertThat(busy.send().p50()).isGreaterThan(calm.send().p50());
    }

    @Test
    void theLoadGeneratorsCpuIsOnTheSendPathOfTheMachineThatRanItOnly() {
        Map<String, Double> withHarness = new java.util.TreeMap<>(calibration(3).microsPerUnit());
        withHarness.put(Calibration.LOAD_GENERATOR, 2_000.0);
        Calibration c = new Calibration(withHarness, 3, 12, Map.of(), 0, 2);
        Calibration without = new Calibration(calibration(3).microsPerUnit(), 3, 12, Map.of(), 0, 2);
        ChatPaths.Shape machine = ChatPaths.Shape.sharedMachine(3, 2, 8, 2);

        ChatPaths.Prediction p = new ChatPaths(3, c, machine).run(100, 100);
        ChatPaths.Prediction q = new ChatPaths(3, without, machine).run(100, 100);

        assertThat(station(p, Calibration.LOAD_GENERATOR).utilisation()).isCloseTo(100 * 0.002 / 2, within(0.01));
        // its 2 ms mean (1.4 ms median) is on every send
        assertThat(p.send().p50() - q.send().p50()).isBetween(1.0, 3.0);
        assertThat(new ChatPaths(3, c, SHAPE).run(100, 100).stations())
                .noneMatch(s -> s.name().equals(Calibration.LOAD_GENERATOR));
    }

    @Test
    void aReportsOtherCoresAndTheHarnessCalibrate() throws Exception {
        String report = """
                {"environment": {"cpus": 2},
                 "metrics": {"fanout.publishes_per_message": 1.0},
                 "costs": {"messages": 1000, "frames": 1000, "secondsSampled": 100.0, "otherCores": 0.8,
                  "components": [
                   {"name": "command", "cpuSeconds": 1.0, "units": 1000},
                   {"name": "harness", "cpuSeconds": 3.0, "units": 1000}]}}
                """;
        Calibration c = Calibration.of(new ObjectMapper().readTree(report));

        assertThat(c.otherCores()).isEqualTo(0.8);
        assertThat(c.micros(Calibration.LOAD_GENERATOR)).isCloseTo(3_000, within(1e-6));
        assertThat(c.offPathMicrosPerMessage()).doesNotContainKey("harness");
    }

    @Test
    void everyHopsFixedDelayIsOnItsPath() {
        Map<String, Double> tiny = Map.of(
                Calibration.COMMAND, 1.0,
                Calibration.JETSTREAM, 1.0,
                Calibration.FANOUT, 1.0,
                Calibration.NOTIFICATION, 1.0);
        Hops hops = new Hops(0.010, 0.020, 0.030);
        ChatPaths.Prediction p = new ChatPaths(9, new Calibration(tiny, 1, 1), SHAPE, hops).run(50, 20);

        assertThat(p.send().p50()).isBetween(10.0, 10.5); // the PubAck's 10 ms and a few microseconds of CPU
        assertThat(p.delivery().p50()).isBetween(60.0, 60.5); // and then 20 + 30 ms
        assertThat(new ChatPaths(9, new Calibration(tiny, 1, 1), SHAPE, Hops.NONE)
                        .run(50, 20)
                        .delivery()
                        .p50())
                .isLessThan(1.0);
    }

    @Test
    void moreInstancePublishesThanInstancesIsRefused() {
        assertThatThrownBy(() -> new ChatPaths(1, calibration(9), SHAPE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCalibrationPoolsEveryInstanceOfARoleFromTheReport() throws Exception {
        String report = """
                {"metrics": {"fanout.publishes_per_message": 2.0},
                 "costs": {"messages": 1000, "frames": 6000, "components": [
                   {"name": "command", "cpuSeconds": 2.0, "units": 1000},
                   {"name": "nats-1", "cpuSeconds": 1.0, "units": 1000},
                   {"name": "nats-2", "cpuSeconds": 1.0, "units": 1000},
                   {"name": "nats-3", "cpuSeconds": 1.5, "units": 1000},
                   {"name": "fanout-1", "cpuSeconds": 0.25, "units": 1000},
                   {"name": "fanout-2", "cpuSeconds": 0.25, "units": 1000},
                   {"name": "notification-1", "cpuSeconds": 0.3, "units": 4000},
                   {"name": "notification-2", "cpuSeconds": 0.3, "units": 2000},
                   {"name": "message-writer", "cpuSeconds": 0.9, "units": 1000},
                   {"name": "cassandra-1", "cpuSeconds": 9.0, "units": 1000},
                   {"name": "harness", "cpuSeconds": 5.0, "units": 1000}]}}
                """;
        Calibration c = Calibration.of(new ObjectMapper().readTree(report));

        assertThat(c.micros(Calibration.COMMAND)).isCloseTo(2_000, within(1e-6));
        assertThat(c.micros(Calibration.JETSTREAM)).isCloseTo(3_500, within(1e-6)); // every node, per message
        assertThat(c.micros(Calibration.FANOUT)).isCloseTo(500, within(1e-6)); // each message passes one partition
        assertThat(c.micros(Calibration.NOTIFICATION)).isCloseTo(100, within(1e-6)); // 0.6 s over 6,000 frames
        assertThat(c.micros(Calibration.MESSAGE_WRITER)).isCloseTo(900, within(1e-6));
        assertThat(c.publishesPerMessage()).isEqualTo(2.0);
        assertThat(c.framesPerMessage()).isEqualTo(6.0);
        assertThat(c.microsPerUnit()).doesNotContainKeys("cassandra-1");
        assertThat(c.offPathMicrosPerMessage()).containsOnlyKeys("cassandra-1");
    }

    @Test
    void theIdleBaselineIsTheQuietSecondsBeforeTheFirstPhaseNotTheFleetsStartNorTheLoadGenerators() throws Exception {
        String report = """
                {"phases": [{"name": "steady", "start": 14.5}],
                 "costs": {"series": [
                   {"t": 9.0, "cores": {"command": 0.9, "harness": 1.4}},
                   {"t": 10.0, "cores": {"command": 0.8, "harness": 0.1}},
                   {"t": 11.0, "cores": {"command": 0.1, "harness": 0.1}},
                   {"t": 12.0, "cores": {"command": 0.2, "harness": 0.1}},
                   {"t": 13.0, "cores": {"command": 0.3, "harness": 0.1}},
                   {"t": 14.0, "cores": {"command": 0.9, "harness": 1.0}},
                   {"t": 15.0, "cores": {"command": 1.5, "harness": 0.9}}]}}
                """;
        Map<String, Double> idle = Calibration.idleBaselines(new ObjectMapper().readTree(report));

        assertThat(idle.get("command")).isCloseTo(0.2, within(1e-9)); // 11-13: not 14, the load generator starting
        assertThat(idle.get("harness")).isCloseTo(0.1, within(1e-9));
        String tooFew = report.replace("\"start\": 14.5", "\"start\": 11.5");
        assertThat(Calibration.idleBaselines(new ObjectMapper().readTree(tooFew)))
                .isEmpty();
    }

    @Test
    void aRampsMarginalCostIsTakenOverTheAverageWhenEveryInstanceHasOne() throws Exception {
        String report = """
                {"metrics": {"fanout.publishes_per_message": 1.0},
                 "costs": {"messages": 1000, "frames": 3000, "components": [
                   {"name": "command", "cpuSeconds": 2.0, "units": 1000, "marginalMicrosPerUnit": 600.0},
                   {"name": "notification-1", "cpuSeconds": 0.3, "units": 1000, "marginalMicrosPerUnit": 40.0},
                   {"name": "notification-2", "cpuSeconds": 0.3, "units": 2000, "marginalMicrosPerUnit": 70.0},
                   {"name": "fanout-1", "cpuSeconds": 0.5, "units": 1000, "marginalMicrosPerUnit": 100.0},
                   {"name": "fanout-2", "cpuSeconds": 0.5, "units": 1000}]}}
                """;
        Calibration c = Calibration.of(new ObjectMapper().readTree(report));

        assertThat(c.micros(Calibration.COMMAND)).isCloseTo(600, within(1e-6));
        assertThat(c.micros(Calibration.NOTIFICATION)).isCloseTo(60, within(1e-6)); // (40 + 140) ms / 3,000
        assertThat(c.micros(Calibration.FANOUT)).isCloseTo(1_000, within(1e-6)); // fanout-2 has none: the average
    }

    @Test
    void theIdleBaselineBeforeTheFirstPhaseIsNoMessagesCost() throws Exception {
        // 100 s sampled; before the first phase (t <= 10) command idles at 0.1 cores, cassandra at 0.2
        String report = """
                {"environment": {"cpus": 2},
                 "phases": [{"name": "steady", "start": 10.0, "end": 100.0}],
                 "metrics": {"fanout.publishes_per_message": 1.0},
                 "costs": {"messages": 1000, "frames": 1000, "secondsSampled": 100.0, "components": [
                   {"name": "command", "cpuSeconds": 12.0, "units": 1000, "cores": 0.12},
                   {"name": "cassandra-1", "cpuSeconds": 25.0, "units": 1000, "cores": 0.25},
                   {"name": "query", "cpuSeconds": 0.5, "units": 1000, "cores": 0.005}],
                  "series": [
                   {"t": 4.0, "cores": {"command": 0.1, "cassandra-1": 0.2, "query": 0.01}},
                   {"t": 7.0, "cores": {"command": 0.1, "cassandra-1": 0.2, "query": 0.01}},
                   {"t": 10.0, "cores": {"command": 0.1, "cassandra-1": 0.2, "query": 0.01}},
                   {"t": 11.0, "cores": {"command": 0.9, "cassandra-1": 0.9, "query": 0.0}}]}}
                """;
        Calibration c = Calibration.of(new ObjectMapper().readTree(report));

        assertThat(c.micros(Calibration.COMMAND)).isCloseTo(2_000, within(1e-6)); // (12 - 0.1 x 100) s / 1,000
        assertThat(c.offPathMicrosPerMessage()).containsOnlyKeys("cassandra-1"); // query: no CPU above idle
        assertThat(c.offPathMicrosPerMessage().get("cassandra-1")).isCloseTo(5_000, within(1e-6));
        assertThat(c.idleCores()).isCloseTo(0.31, within(1e-9));
        assertThat(c.machineCores()).isEqualTo(2);
    }

    @Test
    void aRampsInterceptIsWhatAComponentBurnsBesideItsMarginalCostNotItsIdleBeforeTheLoad() throws Exception {
        // command idled at 0.01 cores before the first phase, but over the ramp it used 0.5 cores for 20 msg/s on
        // average at a marginal 5 ms: 0.4 cores of it come with any traffic
        String report = """
                {"environment": {"cpus": 2},
                 "phases": [{"name": "ramp", "start": 10.0, "end": 100.0}],
                 "metrics": {"fanout.publishes_per_message": 1.0},
                 "costs": {"messages": 2000, "frames": 2000, "secondsSampled": 100.0, "components": [
                   {"name": "command", "cpuSeconds": 50.0, "units": 2000, "cores": 0.5,
                    "marginalMicrosPerUnit": 5000.0}],
                  "series": [
                   {"t": 4.0, "cores": {"command": 0.01}},
                   {"t": 7.0, "cores": {"command": 0.01}},
                   {"t": 10.0, "cores": {"command": 0.01}}]}}
                """;
        Calibration c = Calibration.of(new ObjectMapper().readTree(report));

        assertThat(c.micros(Calibration.COMMAND)).isCloseTo(5_000, within(1e-6));
        assertThat(c.idleCores()).isCloseTo(0.4, within(1e-9)); // 0.5 - 5 ms x 20 msg/s
    }

    @Test
    void aReportWithoutCostsCannotCalibrate() throws Exception {
        assertThatThrownBy(() -> Calibration.of(new ObjectMapper().readTree("{\"metrics\": {}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("costs");
    }
}
