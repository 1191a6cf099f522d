package io.chorus.harness.checker;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * receipts) and finds the knee, the first step of a sustained break: {@link #SUSTAINED} breached steps in a row, or
 * breached steps up to the ramp's end. The highest rate held is the highest rate of a held step before the knee
 * (of any held step when the ramp never broke for good). One breached step between held ones is noise of a shared
 * machine (a collection, a neighbour's build), not a capacity, so it neither ends the search nor is the figure. A
 * warm-up phase's steps are not judged, even when it climbs: its sends count for no latency figure, so a step of it
 * has nothing to judge, and warming up is not what the search measures.
 */
public final class ThroughputSearch {
    public static final String METRIC = "throughput.highest_held";
    public static final String KNEE = "throughput.knee";

    /** Breached steps in a row that make a break sustained: 45 s of breaches at the shipped 15 s steps. */
    public static final int SUSTAINED = 3;

    public record Step(String phase, int step, double rate, boolean held, List<String> breached) {}

    /**
     * The three figures after {@code highestHeld} are left out of {@code report.json} when null, as its first version
     * had none of them.
     *
     * @param knee the rate of the first step of the sustained break; null when the ramp never broke for good
     * @param jetstreamRate the raw JetStream publish rate of the same cluster (msg/s); null without a baseline
     * @param vsJetstream {@code highestHeld / jetstreamRate}; null without either
     */
    public record Result(
            List<Step> steps,
            Double highestHeld,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double knee,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double jetstreamRate,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double vsJetstream) {
        Result withBaseline(double rate) {
            return new Result(steps, highestHeld, knee, rate, highestHeld == null ? null : highestHeld / rate);
        }
    }

    /** Where the judged steps break and stay broken, and the highest rate held before it. */
    public record Knee(Double knee, Double highestHeld) {
        /** @param steps in ramp order; at least one */
        public static Knee of(List<Step> steps) {
            int kneeAt = steps.size();
            int run = 0;
            for (int i = 0; i < steps.size() && kneeAt == steps.size(); i++) {
                run = steps.get(i).held() ? 0 : run + 1;
                boolean toTheEnd = run > 0 && i == steps.size() - 1;
                if (run >= SUSTAINED || toTheEnd) {
                    kneeAt = i - run + 1;
                }
            }
            double highest = steps.subList(0, kneeAt).stream()
                    .filter(Step::held)
                    .mapToDouble(Step::rate)
                    .max()
                    .orElse(0.0);
            return new Knee(kneeAt == steps.size() ? null : steps.get(kneeAt).rate(), highest);
        }
    }

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
        for (PhaseWindow w : windows) {
            if (!ramps.contains(w.phase())) {
                continue;
            }
            List<String> breached = SloVerdict.judge(slos, measure.apply(slice(history, w))).stream()
                    .filter(v -> !v.passed())
                    .map(SloVerdict::message)
                    .toList();
            steps.add(new Step(w.phase(), w.step(), w.rate(), breached.isEmpty(), breached));
        }
        if (steps.isEmpty()) {
            return new Result(steps, null, null, null, null);
        }
        Knee knee = Knee.of(steps);
        return new Result(steps, knee.highestHeld(), knee.knee(), null, null);
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
