package io.chorus.harness.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario's faults, checked as a whole: each aims at something the stack has, with the parameters its kind
 * takes, starts and ends inside the workload, ends after it starts, and does not fight another fault. Faults may
 * overlap in time (latency on one link while a node is down); what is refused is two faults that would undo each
 * other: two process faults on the same process at once (a pause of a process being killed), or two {@code down}
 * faults on the same proxy at once (the first to heal would bring the link up under the second). Toxics of
 * overlapping faults on one link stack, as Toxiproxy stacks them.
 */
public final class FaultSchedule {
    public static final FaultSchedule EMPTY = new FaultSchedule(List.of());
    /**
     * The stores a {@code wipe-and-rebuild} fault may target. The metadata stores ({@code mongo}, {@code permissions})
     * are rebuilt by {@code harness rebuild} too, but wiping them refuses every command until the rebuild is done,
     * which a load run would count as errors rather than judge.
     */
    public static final List<String> WIPEABLE = List.of("elasticsearch", "cassandra");

    /** What is wrong with fault {@code index}; {@code field} is {@code at}, {@code until}, {@code target}, ... */
    public record Problem(int index, String field, String message) {}

    private final List<ScheduledFault> faults;

    private FaultSchedule(List<ScheduledFault> faults) {
        this.faults = List.copyOf(faults);
    }

    /** The schedule, or {@link IllegalArgumentException} listing every problem. */
    public static FaultSchedule of(List<ScheduledFault> faults, FaultTargets targets, Duration workload) {
        List<Problem> problems = check(faults, targets, workload);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.stream()
                    .map(p -> "faults[" + p.index() + "]." + p.field() + ": " + p.message())
                    .reduce((a, b) -> a + "\n" + b)
                    .orElseThrow());
        }
        return new FaultSchedule(faults);
    }

    public List<ScheduledFault> faults() {
        return faults;
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    /** A fault on a fake push provider: down, 503, 429, or latency (FCM's only: the APNs mock cannot delay). */
    private static void checkProviderFault(int i, ScheduledFault f, List<Problem> problems) {
        if (!FaultTargets.PUSH_PROVIDERS.contains(f.target())) {
            problems.add(new Problem(
                    i,
                    "target",
                    "expected a fake push provider (" + String.join(", ", FaultTargets.PUSH_PROVIDERS) + ") for a "
                            + f.kind().yaml() + " fault, got '" + f.target() + "'"));
        } else if (!PROVIDER_KINDS.contains(f.kind())
                || (f.kind() == FaultKind.LATENCY && !f.target().equals("push-fcm"))) {
            problems.add(new Problem(
                    i,
                    "kind",
                    "a fake push provider takes down, unavailable, throttle (and latency on push-fcm), got "
                            + f.kind().yaml() + " on " + f.target()));
        }
    }

    private static final java.util.Set<FaultKind> PROVIDER_KINDS =
            java.util.EnumSet.of(FaultKind.DOWN, FaultKind.UNAVAILABLE, FaultKind.THROTTLE, FaultKind.LATENCY);

    /** Every problem of the schedule, in list order. */
    public static List<Problem> check(List<ScheduledFault> faults, FaultTargets targets, Duration workload) {
        List<Problem> problems = new ArrayList<>();
        for (ScheduledFault f : faults) {
            checkOne(f, targets, workload, problems);
        }
        checkConflicts(faults, targets, problems);
        problems.sort(Comparator.comparingInt(Problem::index));
        return problems;
    }

    private static void checkOne(ScheduledFault f, FaultTargets targets, Duration workload, List<Problem> problems) {
        int i = f.index();
        if (f.at().isNegative()) {
            problems.add(new Problem(
                    i, "at", "expected a time since the first phase began (0s or later), got " + text(f.at())));
        } else if (f.at().compareTo(workload) >= 0) {
            problems.add(new Problem(
                    i,
                    "at",
                    "starts at " + text(f.at()) + ", when the workload (" + text(workload)
                            + " of phases) is over: a fault must start while load runs"));
        }
        if (f.kind().hasDuration()) {
            if (f.until() == null) {
                problems.add(new Problem(
                        i,
                        "duration",
                        "is required for a " + f.kind().yaml() + " fault: expected how long it is held, such as 30s"));
            } else if (f.until().compareTo(f.at()) <= 0) {
                problems.add(new Problem(
                        i,
                        "until",
                        "ends (at " + text(f.until()) + ") "
                                + (f.until().equals(f.at()) ? "when" : "before") + " it starts (at " + text(f.at())
                                + "): a fault must end after it starts"));
            } else if (f.until().compareTo(workload) > 0) {
                problems.add(new Problem(
                        i,
                        "until",
                        "ends at " + text(f.until()) + ", after the workload (" + text(workload)
                                + " of phases): the run would drain with the fault in force"));
            }
        } else if (f.until() != null) {
            problems.add(new Problem(
                    i,
                    "duration",
                    "not allowed for a " + f.kind().yaml() + ": it lasts until the "
                            + (f.kind().isStoreFault() ? "store is rebuilt" : "target is healthy")));
        }
        if (f.kind().isWebhookFault()) {
            if (!io.chorus.harness.webhook.ReceiverFleet.isReceiverName(f.target())) {
                problems.add(new Problem(
                        i,
                        "target",
                        "expected a webhook receiver of the run's fleet for a "
                                + f.kind().yaml() + " fault, such as hook-3, got '" + f.target() + "'"));
            }
        } else if (f.kind().isStoreFault()) {
            if (!WIPEABLE.contains(f.target())) {
                problems.add(new Problem(
                        i,
                        "target",
                        "expected a read store a " + f.kind().yaml() + " fault can wipe (" + String.join(", ", WIPEABLE)
                                + "), got '" + f.target() + "'"));
            }
        } else if (FaultTargets.PUSH_PROVIDERS.contains(f.target()) || f.kind().isProviderFault()) {
            checkProviderFault(i, f, problems);
        } else if (f.kind().isProcessFault()) {
            if (targets.components(f.target()).isEmpty()) {
                problems.add(new Problem(
                        i,
                        "target",
                        "expected a component of this stack for a " + f.kind().yaml()
                                + " fault (" + String.join(", ", targets.componentNames()) + "), got '" + f.target()
                                + "'"
                                + (FaultTargets.isLink(f.target()) ? ": a link takes network faults only" : "")));
            }
        } else if (targets.linkNames().isEmpty()) {
            problems.add(new Problem(
                    i,
                    "target",
                    "a " + f.kind().yaml() + " fault needs a link through Toxiproxy, and "
                            + "this stack's links are direct: set stack.links to 'proxied'"));
        } else if (targets.proxies(f.target()).isEmpty()) {
            problems.add(new Problem(
                    i,
                    "target",
                    "expected a link of this stack for a " + f.kind().yaml()
                            + " fault, such as 'command -> nats' (see stack.json toxiproxy.links), got '" + f.target()
                            + "'"
                            + (FaultTargets.isLink(f.target()) ? "" : ": a component takes process faults only")));
        }
        if (f.kind() == FaultKind.POWER_LOSS
                && targets.components(f.target()).isPresent()
                && !targets.onUnsyncedWriteFs(f.target())) {
            problems.add(new Problem(
                    i,
                    "target",
                    "a power-loss fault needs a target whose writes can be lost: NATS "
                            + "nodes (nats, nats-2) with stack.natsStorage 'unsynced-write-fs', got '" + f.target()
                            + "'"
                            + " (a kill is a crash, which the page cache survives)"));
        }
        for (Map.Entry<String, String> p : ToxicSpec.problems(f).entrySet()) {
            problems.add(new Problem(i, "parameters." + p.getKey(), p.getValue()));
        }
    }

    private static void checkConflicts(List<ScheduledFault> faults, FaultTargets targets, List<Problem> problems) {
        for (int a = 0; a < faults.size(); a++) {
            for (int b = a + 1; b < faults.size(); b++) {
                ScheduledFault first = faults.get(a);
                ScheduledFault second = faults.get(b);
                if (overlapInTime(first, second) && fight(first, second, targets)) {
                    problems.add(new Problem(
                            second.index(),
                            "target",
                            "overlaps faults[" + first.index() + "] ("
                                    + first.kind().yaml() + " on " + first.target() + " from " + text(first.at())
                                    + " to "
                                    + text(first.end()) + "): two "
                                    + (first.kind().isProcessFault()
                                            ? "process faults on one " + "process"
                                            : first.kind().isWebhookFault()
                                                    ? "receiver faults on one receiver"
                                                    : "down faults on one proxy")
                                    + " at once would undo each other"));
                }
            }
        }
    }

    /** Half-open windows [at, end), a restart being the instant [at, at]; one healed when another starts is fine. */
    static boolean overlapInTime(ScheduledFault x, ScheduledFault y) {
        if (x.until() == null && y.until() == null) {
            return x.at().equals(y.at());
        }
        if (x.until() == null) {
            return x.at().compareTo(y.at()) >= 0 && x.at().compareTo(y.end()) < 0;
        }
        if (y.until() == null) {
            return overlapInTime(y, x);
        }
        return x.at().compareTo(y.end()) < 0 && y.at().compareTo(x.end()) < 0;
    }

    private static boolean fight(ScheduledFault x, ScheduledFault y, FaultTargets targets) {
        if (FaultTargets.PUSH_PROVIDERS.contains(x.target())) {
            return x.target().equals(y.target()); // a fake has one fault at a time
        }
        if (x.kind().isProcessFault() && y.kind().isProcessFault()) {
            return intersect(
                    targets.components(x.target()).orElse(List.of()),
                    targets.components(y.target()).orElse(List.of()));
        }
        if (x.kind().isWebhookFault() && y.kind().isWebhookFault()) {
            return x.target().equals(y.target());
        }
        if (x.kind() == FaultKind.DOWN && y.kind() == FaultKind.DOWN) {
            return intersect(
                    targets.proxies(x.target()).orElse(List.of()),
                    targets.proxies(y.target()).orElse(List.of()));
        }
        return false;
    }

    private static boolean intersect(List<String> x, List<String> y) {
        Set<String> seen = new HashSet<>(x);
        return y.stream().anyMatch(seen::contains);
    }

    static String text(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    }
}
