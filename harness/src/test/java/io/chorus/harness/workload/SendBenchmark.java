package io.chorus.harness.workload;

import com.sun.management.OperatingSystemMXBean;
import io.chorus.harness.checker.ErrorChecker;
import io.chorus.harness.checker.LatencyChecker;
import io.chorus.harness.checker.RateChecker;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Phase.MessageSize;
import io.chorus.harness.scenario.Phase.RateStep;
import io.chorus.harness.scenario.PopulationSpec;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much load the Gatling workload itself can offer against a running stack ({@code harness up} first), and what
 * it costs this JVM: one phase at RATE/s for SECONDS into CHANNELS freshly imported channels, then achieved/offered,
 * outcomes, send latency from the intended time (from the history, as the checkers compute it), the lag between
 * intended and actual send times, this JVM's CPU share and heap during the phase. The command is in
 * docs/lab/rest-workload.md ("REST workload").
 */
public final class SendBenchmark {
    private SendBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SendBenchmark RUN_DIR RATE SECONDS [CHANNELS] [TEXT_CHARS]");
            System.exit(2);
        }
        StackDescription stack =
                new RunFolder(Path.of(args[0]).toAbsolutePath()).read().orElseThrow();
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int channels = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int text = args.length > 4 ? Integer.parseInt(args[4]) : 100;

        String group = "sb" + UUID.randomUUID().toString().substring(0, 8);
        MembershipShape rooms = new MembershipShape.RandomSpread(group, channels, 5, 20);
        PopulationPlan plan = new PopulationPlan(new PopulationSpec(2_000, List.of(rooms)), 1);
        long seeding = System.nanoTime();
        TestPopulation.seed(stack, plan, rooms);
        System.out.printf("seeded %d channels in %.1f s%n", channels, (System.nanoTime() - seeding) / 1e9);

        Path folder = Files.createDirectories(
                Path.of(args[0]).toAbsolutePath().resolve("send-bench-" + System.currentTimeMillis()));
        Phase phase = new Phase(
                "bench",
                List.of(new RateStep(rate, Duration.ofSeconds(seconds))),
                List.of(group),
                new MessageSize(text, text));
        Cost cost = new Cost();
        LiveCounters live = new LiveCounters();
        double load0 = loadAverage();
        GatlingWorkload workload = new GatlingWorkload();
        long reportNanos;
        try (HistoryWriter history = new HistoryWriter(folder.resolve(History.FILE))) {
            workload.reportInto(folder);
            workload.open(stack, plan, TestPopulation.tokens(stack), history, new RunClock());
            cost.start();
            workload.run(phase, live);
            cost.stop();
            long report = System.nanoTime();
            workload.close();
            reportNanos = System.nanoTime() - report;
        }
        double load1 = loadAverage();

        History history = History.read(folder.resolve(History.FILE));
        RateChecker.Result r = new RateChecker().check(history);
        LatencyChecker.Result l = new LatencyChecker().check(history);
        ErrorChecker.Result e = new ErrorChecker().check(history);
        long[] lags = history.of(SendInvoke.class)
                .mapToLong(i -> i.time() - i.intended())
                .sorted()
                .toArray();
        System.out.printf(
                "rate %.0f/s for %d s: offered %.1f/s, achieved %.1f/s, ratio %.4f; sends %d, errors %s%n",
                rate,
                seconds,
                r.offered(),
                r.achieved(),
                r.offered() > 0 ? r.achieved() / r.offered() : 0,
                e.offered(),
                e.byStatus());
        System.out.printf(
                "send latency from the intended time: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                l.send().p50(), l.send().p95(), l.send().p99(), l.send().max());
        System.out.printf(
                "start lag (actual - intended): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                pct(lags, 0.50), pct(lags, 0.99), lags.length == 0 ? 0 : lags[lags.length - 1] / 1000.0);
        System.out.printf(
                "this JVM during the phase: CPU %.2f cores (%.0f%% of one), heap used max %d MiB "
                        + "(after GC %d MiB), GC %d collections %.2f s; Gatling report written in %.1f s%n",
                cost.cores(),
                cost.cores() * 100,
                cost.heapMax.get() >> 20,
                cost.heapAfterGc() >> 20,
                cost.gcCount(),
                cost.gcSeconds(),
                reportNanos / 1e9);
        System.out.printf(
                "load average (1 min): %.2f before, %.2f after; %d cores%n",
                load0, load1, Runtime.getRuntime().availableProcessors());
        System.out.println("history and Gatling report: " + folder);
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0
                ? 0
                : sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] / 1000.0;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** This JVM's CPU time and heap while the phase runs (the JVM holds only the workload). */
    private static final class Cost {
        private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        final AtomicLong heapMax = new AtomicLong();
        private long cpu0;
        private long wall0;
        private long cpu1;
        private long wall1;
        private long gcCount0;
        private long gcMillis0;
        private long gcCount1;
        private long gcMillis1;

        void start() {
            cpu0 = os.getProcessCpuTime();
            wall0 = System.nanoTime();
            gcCount0 = gc(true);
            gcMillis0 = gc(false);
            sampler.scheduleAtFixedRate(
                    () -> heapMax.accumulateAndGet(
                            ManagementFactory.getMemoryMXBean()
                                    .getHeapMemoryUsage()
                                    .getUsed(),
                            Math::max),
                    0,
                    200,
                    TimeUnit.MILLISECONDS);
        }

        void stop() {
            cpu1 = os.getProcessCpuTime();
            wall1 = System.nanoTime();
            gcCount1 = gc(true);
            gcMillis1 = gc(false);
            sampler.shutdownNow();
        }

        double cores() {
            return (cpu1 - cpu0) / (double) (wall1 - wall0);
        }

        long heapAfterGc() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        long gcCount() {
            return gcCount1 - gcCount0;
        }

        double gcSeconds() {
            return (gcMillis1 - gcMillis0) / 1000.0;
        }

        private static long gc(boolean count) {
            long sum = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                sum += Math.max(0, count ? gc.getCollectionCount() : gc.getCollectionTime());
            }
            return sum;
        }
    }
}
