package io.chorus.harness.nemesis;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.rebuild.StoreRebuild;
import io.chorus.harness.rebuild.StoreWipe;
import io.chorus.harness.stack.ChorusHome;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.ProcessTable;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.engines.EngineVersions;
import io.chorus.harness.stack.engines.Engines;
import io.chorus.harness.stack.health.Health;
import io.chorus.harness.stack.health.HealthProbe;
import io.chorus.harness.stack.health.StackHealth;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The nemesis of a stack on this machine. Process faults signal the component's whole process group (found by the
 * run's tag, never by name) and start it again through {@link LocalStack#relaunch}; link faults go through
 * Toxiproxy's HTTP API on the proxies the stack created for the link. Healing waits for the target's own health
 * check: the component for a process fault, the service at the near end of the link for a link fault. A store fault
 * deletes a read store's data when it starts and heals once {@code harness rebuild} has restored it.
 */
public final class StackNemesis implements Nemesis {
    static final Duration HEAL_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final LocalStack stack;
    private final RunClock clock;
    private final PrintStream out;
    private final ProcessTable processes = new ProcessTable();
    private final Map<Integer, Long> inForce = new ConcurrentHashMap<>();
    private final Map<Integer, ScheduledFault> faults = new ConcurrentHashMap<>();
    private Consumer<StoreRebuild.Result> rebuilt = r -> {};
    private StackDescription description;
    private FaultTargets targets;
    private ToxiproxyApi toxiproxy;

    /** @param stack the local stack whose processes it may break, or null: link faults only */
    public StackNemesis(LocalStack stack, RunClock clock) {
        this(stack, clock, System.out);
    }

    /** @param out where a power loss says what it dropped */
    public StackNemesis(LocalStack stack, RunClock clock, PrintStream out) {
        this.stack = stack;
        this.clock = clock;
        this.out = out;
    }

    /**
     * The nemesis of a described stack: with process faults when its run folder is on this machine (a stack
     * {@code harness up} or {@code harness run} started here), with link faults only otherwise.
     */
    public static StackNemesis attach(StackDescription description, RunClock clock, PrintStream out) {
        Path runDir = description.runDir() == null ? null : Path.of(description.runDir());
        if (runDir == null || !Files.isRegularFile(runDir.resolve("stack.json"))) {
            return new StackNemesis(null, clock, out);
        }
        ChorusHome home = ChorusHome.locate();
        Engines engines = new Engines(home.tools(), home.mavenWrapper(), EngineVersions.pinned(), out);
        return new StackNemesis(LocalStack.attach(home, new RunFolder(runDir), engines, out), clock, out);
    }

    /** Hands each finished rebuild of a {@code wipe-and-rebuild} fault to {@code sink} (its measured rate). */
    public StackNemesis onRebuilt(Consumer<StoreRebuild.Result> sink) {
        this.rebuilt = sink;
        return this;
    }

    @Override
    public void setup(StackDescription stack) {
        this.description = stack;
        this.targets = FaultTargets.of(stack);
        this.toxiproxy = new ToxiproxyApi(stack.toxiproxy().api());
    }

    @Override
    public long start(ScheduledFault fault) {
        // the window opens with the first signal or toxic, not once the nemesis saw its effect: sockets of a
        // killed instance close before the process is reaped, and a close stamped before the window would not
        // count as a drop (decision 0058)
        long now = clock.nowMicros();
        if (fault.kind().isStoreFault()) {
            out.println("\nwipe of " + fault.target() + ": " + new StoreWipe().wipe(description, store(fault)));
        } else if (fault.kind().isProcessFault()) {
            breakProcesses(fault, components(fault));
        } else {
            breakLink(fault, proxies(fault));
        }
        faults.put(fault.index(), fault);
        inForce.put(fault.index(), now);
        return now;
    }

    @Override
    public FaultWindow heal(ScheduledFault fault) {
        Long started = inForce.get(fault.index());
        if (started == null) {
            throw new IllegalStateException(
                    "fault " + fault.index() + " (" + fault.describe() + " on " + fault.target() + ") is not in force");
        }
        if (fault.kind().isStoreFault()) {
            rebuild(fault);
        } else if (fault.kind().isProcessFault()) {
            mendProcesses(fault, components(fault));
        } else {
            mendLink(fault, proxies(fault));
        }
        inForce.remove(fault.index());
        faults.remove(fault.index());
        return new FaultWindow(fault.describe(), fault.target(), started, clock.nowMicros());
    }

    @Override
    public void teardown() {
        healAll(faults.values());
    }

    /** Rebuilds the wiped store from the event log; a rebuild that does not finish fails the fault. */
    private void rebuild(ScheduledFault fault) {
        List<String> lines = new ArrayList<>();
        StoreRebuild.Result result = new StoreRebuild()
                .run(description, store(fault), lines::add)
                .orElseThrow(() -> new IllegalStateException("the rebuild of " + fault.target() + " did not finish: "
                        + (lines.isEmpty() ? "no answer" : lines.get(lines.size() - 1))));
        out.println("\n" + lines.get(lines.size() - 1));
        rebuilt.accept(result);
    }

    private static StoreRebuild.Store store(ScheduledFault fault) {
        return StoreRebuild.Store.of(fault.target())
                .orElseThrow(() -> new IllegalArgumentException("not a store a rebuild restores: " + fault.target()));
    }

    private void breakProcesses(ScheduledFault fault, List<String> components) {
        LocalStack local = localStack(fault);
        List<Long> pids = new ArrayList<>();
        components.forEach(c -> pids.addAll(local.processesOf(c)));
        switch (fault.kind()) {
            case KILL -> {
                pids.forEach(pid -> processes.signal(pid, "KILL"));
                awaitExit(pids, fault);
            }
            case POWER_LOSS -> {
                pids.forEach(pid -> processes.signal(pid, "KILL"));
                awaitExit(pids, fault);
                // only once every writer is gone: nothing can fsync between the drop and the restart
                components.forEach(c -> out.println("power loss of " + c + ": " + local.dropUnsyncedWrites(c)));
            }
            case STOP, RESTART -> {
                List<Long> left = processes.stop(pids, Duration.ofSeconds(20));
                if (!left.isEmpty()) {
                    throw new IllegalStateException(fault.target() + " did not exit: " + left);
                }
            }
            case PAUSE -> pids.forEach(pid -> processes.signal(pid, "STOP"));
            default -> throw new IllegalArgumentException("not a process fault: " + fault.kind());
        }
    }

    private void mendProcesses(ScheduledFault fault, List<String> components) {
        LocalStack local = localStack(fault);
        if (fault.kind() == FaultKind.PAUSE) {
            components.forEach(c -> local.processesOf(c).forEach(pid -> processes.signal(pid, "CONT")));
            components.forEach(this::awaitHealthy);
        } else {
            local.relaunch(components);
        }
    }

    private void breakLink(ScheduledFault fault, List<String> proxies) {
        if (fault.kind() == FaultKind.DOWN) {
            proxies.forEach(p -> toxiproxy.setEnabled(p, false));
            return;
        }
        for (String proxy : proxies) {
            for (ToxicSpec toxic : ToxicSpec.of(fault)) {
                toxiproxy.addToxic(proxy, toxic);
            }
        }
    }

    private void mendLink(ScheduledFault fault, List<String> proxies) {
        if (fault.kind() == FaultKind.DOWN) {
            proxies.forEach(p -> toxiproxy.setEnabled(p, true));
        } else {
            for (String proxy : proxies) {
                ToxicSpec.of(fault).forEach(t -> toxiproxy.removeToxic(proxy, t.name()));
            }
        }
        // the service at the near end of the link: its health check covers its connection to the engine
        String service = FaultTargets.normalize(fault.target()).split(" -> ")[0];
        awaitHealthy(service);
    }

    private void awaitHealthy(String component) {
        HealthProbe probe = StackHealth.byComponent(description).get(component);
        if (probe == null) {
            return; // not a component with a health check of its own
        }
        Instant deadline = Instant.now().plus(HEAL_TIMEOUT);
        Health last = probe.probe();
        while (!last.healthy()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(component + " not healthy " + HEAL_TIMEOUT.toSeconds()
                        + " s after the fault healed: " + last.detail());
            }
            pause(Duration.ofMillis(200));
            last = probe.probe();
        }
    }

    private void awaitExit(List<Long> pids, ScheduledFault fault) {
        List<Long> left = processes.awaitExit(pids, EXIT_TIMEOUT);
        if (!left.isEmpty()) {
            throw new IllegalStateException(fault.target() + " did not die of SIGKILL: " + left);
        }
    }

    private LocalStack localStack(ScheduledFault fault) {
        if (stack == null) {
            throw new IllegalStateException("a " + fault.kind().yaml() + " fault needs the stack's run folder on this "
                    + "machine (" + description.runDir() + " is not): only link faults reach a remote stack");
        }
        return stack;
    }

    private List<String> components(ScheduledFault fault) {
        return targets.components(fault.target())
                .orElseThrow(() -> new IllegalArgumentException("not a component of this stack: " + fault.target()));
    }

    private List<String> proxies(ScheduledFault fault) {
        return targets.proxies(fault.target())
                .orElseThrow(() -> new IllegalArgumentException("not a link of this stack: " + fault.target()));
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the target to heal", e);
        }
    }
}
