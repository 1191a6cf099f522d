package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendFail;
import io.chorus.harness.history.SendInfo;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.scenario.Slo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * For a ramp: judges the SLOs on each step alone (the sends intended in the step's window, their answers and their
 * receipts) and finds the highest rate held, the rate of the last step before the first step that breached. A
 * warm-up phase's steps are not judged, even when it climbs: its sends count for no latency figure, so a step of it
 * has nothing to judge, and warming up is not what the search measures.
 */
public final class ThroughputSearch {
    public static final String METRIC = "throughput.highest_held";

    public record Step(String phase, int step, double rate, boolean held, List<String> breached) {}

    public record Result(List<Step> steps, Double highestHeld) {}

    private final List<Slo> slos;
    private final Function<History, Map<String, Measurement>> measure;
    private final Set<String> warmupPhases;

    /**
     * @param measure measures a (sliced) history as the full analysis does: metric name to measurement
     * @param warmupPhases phases whose steps are left out
     */
    public ThroughputSearch(
            List<Slo> slos, Function<History, Map<String, Measurement>> measure, Set<String> warmupPhases) {
        this.slos = slos.stream().filter(s -> !s.metric().equals(METRIC)).toList();
        this.measure = measure;
        this.warmupPhases = Set.copyOf(warmupPhases);
    }

    public Result search(History history) {
        List<PhaseWindow> windows = history.of(PhaseWindow.class).toList();
        Set<String> ramps = new HashSet<>();
        windows.stream()
                .filter(w -> w.step() > 0 && !warmupPhases.contains(w.phase()))
                .forEach(w -> ramps.add(w.phase()));
        List<Step> steps = new ArrayList<>();
        Double highest = null;
        boolean broken = false;
        for (PhaseWindow w : windows) {
            if (!ramps.contains(w.phase())) {
                continue;
            }
            List<String> breached = SloVerdict.judge(slos, measure.apply(slice(history, w))).stream()
                    .filter(v -> !v.passed())
                    .map(SloVerdict::message)
                    .toList();
            boolean held = breached.isEmpty();
            steps.add(new Step(w.phase(), w.step(), w.rate(), held, breached));
            if (!held) {
                broken = true;
            } else if (!broken) {
                highest = w.rate();
            }
        }
        if (steps.isEmpty()) {
            return new Result(steps, null);
        }
        return new Result(steps, highest == null ? 0.0 : highest);
    }

    /** The step's own history: its window, the sends intended in it, their answers and receipts, and the rest. */
    static History slice(History history, PhaseWindow window) {
        Set<String> clientMsgIds = new HashSet<>();
        Set<String> messageIds = new HashSet<>();
        history.of(SendInvoke.class)
                .filter(i -> i.intended() >= window.time() && i.intended() < window.end())
                .forEach(i -> clientMsgIds.add(i.clientMsgId()));
        history.of(SendOk.class)
                .filter(ok -> clientMsgIds.contains(ok.clientMsgId()))
                .forEach(ok -> messageIds.add(ok.messageId()));
        List<Op> ops = new ArrayList<>();
        for (Op op : history.ops()) {
            boolean keep;
            if (op instanceof PhaseWindow) {
                keep = op.equals(window);
            } else if (op instanceof SendInvoke i) {
                keep = clientMsgIds.contains(i.clientMsgId());
            } else if (op instanceof SendOk ok) {
                keep = clientMsgIds.contains(ok.clientMsgId());
            } else if (op instanceof SendFail f) {
                keep = clientMsgIds.contains(f.clientMsgId());
            } else if (op instanceof SendInfo i) {
                keep = clientMsgIds.contains(i.clientMsgId());
            } else if (op instanceof Receipt r) {
                keep = messageIds.contains(r.messageId());
            } else {
                keep = true; // sessions, faults and samples describe the whole run
            }
            if (keep) {
                ops.add(op);
            }
        }
        return new History(ops);
    }
}
