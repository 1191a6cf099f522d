package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Receipt;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Whether being in very many channels costs a user delivery speed: delivery latency at the online users with at
 * least {@value #BUSY} channels against the online users with at most {@value #LIGHT}. Instance-level fan-out
 * promises the two are alike (the busy user's instance holds one subscription either way), so the ratio of their
 * p95s is the figure to bound. No ratio when either side received nothing.
 */
public final class BusyUserChecker implements Checker<BusyUserChecker.Result> {
    public static final String NAME = "busy-users";
    static final int BUSY = 1_000;
    static final int LIGHT = 10;

    private final Roster roster;
    private final java.util.Set<String> warmupPhases;

    public BusyUserChecker(Roster roster) {
        this(roster, java.util.Set.of());
    }

    /** @param warmupPhases phases whose sends are left out, as {@link LatencyChecker} leaves them out */
    public BusyUserChecker(Roster roster, java.util.Set<String> warmupPhases) {
        this.roster = roster;
        this.warmupPhases = java.util.Set.copyOf(warmupPhases);
    }

    public record Result(LatencySummary busy, LatencySummary light) implements CheckResult {
        @Override
        public List<Measurement> measurements() {
            List<Measurement> m = new ArrayList<>();
            if (busy.count() > 0) {
                m.add(Measurement.of("delivery.latency.busy_p95", busy.p95()));
            }
            if (light.count() > 0) {
                m.add(Measurement.of("delivery.latency.light_p95", light.p95()));
            }
            if (busy.count() > 0 && light.count() > 0 && light.p95() > 0) {
                m.add(Measurement.of("delivery.latency.busy_ratio", busy.p95() / light.p95()));
            }
            return m;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Sends sends = new Sends(history);
        Histogram busy = LatencySummary.histogram();
        Histogram light = LatencySummary.histogram();
        history.of(Receipt.class).forEach(r -> {
            Sends.Acked a = sends.acked.get(r.messageId());
            if (a == null
                    || r.receiver().equals(a.invoke().sender())
                    || warmupPhases.contains(a.invoke().phase())) {
                return;
            }
            int channels = roster.channelsOf(r.receiver()).size();
            long micros = Math.max(0, r.time() - a.invoke().intended());
            if (channels >= BUSY) {
                busy.recordValue(micros);
            } else if (channels <= LIGHT) {
                light.recordValue(micros);
            }
        });
        return new Result(LatencySummary.of(busy), LatencySummary.of(light));
    }
}
