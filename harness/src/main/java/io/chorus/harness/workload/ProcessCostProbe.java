package io.chorus.harness.workload;

import io.chorus.harness.checker.ProcessCosts;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.Sample;
import io.chorus.harness.stack.ProcessStat;
import io.chorus.harness.stack.ProcessUsage;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples what every process of the run costs into the history, for {@link ProcessCosts}: once a second, each stack
 * component's CPU time (user + system, summed over the component's process and its descendants: its process group, and children that left it)
 * and resident memory, by the PIDs of {@code stack.json}, and the same for this JVM as component
 * {@value ProcessCosts#HARNESS}: it hosts the load generator (Gatling, in process, decision 0037), the WebSocket
 * fleet and the probes, so their cost is one figure. A component whose processes are gone (a crash fault) has no
 * reading that second. Beside them, the whole machine's busy CPU time, so the CPU of processes outside the run (other
 * builds, the kernel) is known too: a model of one shared machine needs all of its load.
 */
public final class ProcessCostProbe implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(1);
    private final ProcessUsage usage;
    private final Map<Long, String> leaders = new LinkedHashMap<>();
    private final long self = ProcessHandle.current().pid();
    private final HistoryWriter history;
    private final RunClock clock;
    private final QuietSeconds harnessQuiet = new QuietSeconds(ProcessCosts.QUIET_CORES, ProcessCosts.QUIET_SAMPLES);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "process-cost-probe");
        t.setDaemon(true);
        return t;
    });

    ProcessCostProbe(Map<String, Long> pids, ProcessUsage usage, HistoryWriter history, RunClock clock) {
        pids.forEach((component, pid) -> leaders.put(pid, component));
        this.usage = usage;
        this.history = history;
        this.clock = clock;
    }

    public static ProcessCostProbe start(StackDescription stack, HistoryWriter history, RunClock clock) {
        Map<String, Long> pids = stack.pids() == null ? Map.of() : stack.pids();
        ProcessCostProbe probe = new ProcessCostProbe(pids, new ProcessUsage(), history, clock);
        probe.timer.scheduleAtFixedRate(probe::sweep, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return probe;
    }

    void sweep() {
        long now = clock.nowMicros();
        Map<String, long[]> byComponent = new HashMap<>(); // component -> [cpu ticks, rss bytes]
        Map<Long, ProcessStat> all = new HashMap<>();
        usage.all().forEach(stat -> all.put(stat.pid(), stat));
        for (ProcessStat stat : all.values()) {
            String component = componentOf(stat, all);
            if (component != null) {
                long[] sum = byComponent.computeIfAbsent(component, c -> new long[2]);
                sum[0] += stat.cpuTicks();
                sum[1] += usage.residentBytes(stat.pid());
            }
        }
        byComponent.forEach((component, sum) -> {
            history.append(new Sample(ProcessCosts.CPU, component, usage.seconds(sum[0]), now));
            history.append(new Sample(ProcessCosts.RSS, component, sum[1], now));
        });
        long[] harness = byComponent.get(ProcessCosts.HARNESS);
        if (harness != null) {
            harnessQuiet.reading(now, usage.seconds(harness[0]));
        }
        long machine = usage.machineBusyTicks();
        if (machine >= 0) {
            history.append(new Sample(ProcessCosts.MACHINE_CPU, ProcessCosts.MACHINE, usage.seconds(machine), now));
        }
    }

    /**
     * The component a process belongs to: the one it leads, else the one whose process group it is in, else its
     * parent's (PostgreSQL's backends leave the postmaster's group with a {@code setsid} of their own).
     */
    private String componentOf(ProcessStat stat, Map<Long, ProcessStat> all) {
        ProcessStat at = stat;
        for (int depth = 0; at != null && depth < 8; depth++) {
            if (at.pid() == self) {
                return depth == 0 ? ProcessCosts.HARNESS : null; // what the harness starts itself is not the load
            }
            String component = leaders.getOrDefault(at.pid(), leaders.get(at.processGroup()));
            if (component != null) {
                return component;
            }
            at = all.get(at.parentPid());
        }
        return null;
    }

    /**
     * Waits until this JVM (the fleet, the load generator, the probes) has used under {@value ProcessCosts#QUIET_CORES} cores in
     * each of the last {@value ProcessCosts#QUIET_SAMPLES} samples, or {@code max} passed. True when it went quiet.
     */
    public boolean awaitQuiet(Duration max) throws InterruptedException {
        return harnessQuiet.await(max);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
