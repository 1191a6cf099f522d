package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendOk;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Send and delivery latency, both from the INTENDED send time (so a stalled sender does not hide its stall):
 * send latency to the 202, delivery latency to each receipt on a socket of a member other than the sender. Gives
 * whole-run percentiles and percentiles per time bucket (by intended send time) for the charts.
 */
public final class LatencyChecker implements Checker<LatencyChecker.Result> {
    public static final String NAME = "latency";
    private final Set<String> warmupPhases;

    public LatencyChecker() {
        this(Set.of());
    }

    /** @param warmupPhases phases whose sends the whole-run percentiles leave out (the charts still show them) */
    public LatencyChecker(Set<String> warmupPhases) {
        this.warmupPhases = Set.copyOf(warmupPhases);
    }
    /** One bucket of the series: percentiles in ms of sends intended in {@code [t, t + width)}, t in seconds. */
    public record Point(
            double t,
            long sends,
            double sendP50,
            double sendP95,
            double sendP99,
            long deliveries,
            double deliveryP50,
            double deliveryP95,
            double deliveryP99) {}

    /**
     * @param sendFloor the first percentile of the send latencies, in ms (null when none was measured): what a send
     *     takes when it waits for almost nothing, the simulation's measure of the work on a send's path
     * @param deliveryFloor the same of the delivery latencies
     */
    public record Result(
            LatencySummary send, LatencySummary delivery, Double sendFloor, Double deliveryFloor, List<Point> series)
            implements CheckResult {
        @Override
        public List<Measurement> measurements() {
            List<Measurement> m = new ArrayList<>(send.measurements("send.latency"));
            m.addAll(delivery.measurements("delivery.latency"));
            floor(m, "send.latency." + FLOOR, sendFloor);
            floor(m, "delivery.latency." + FLOOR, deliveryFloor);
            return m;
        }

        private static void floor(List<Measurement> m, String metric, Double value) {
            if (value != null) {
                m.add(Measurement.of(metric, value));
            }
        }
    }

    /** The label of the floor metrics ({@code send.latency.p1}, {@code delivery.latency.p1}). */
    public static final String FLOOR = "p1";

    private static final double FLOOR_PERCENTILE = 1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Sends sends = new Sends(history);
        Buckets buckets = Buckets.over(history.span());
        Histogram send = LatencySummary.histogram();
        Histogram delivery = LatencySummary.histogram();
        Histogram[] sendSeries = new Histogram[buckets.count()];
        Histogram[] deliverySeries = new Histogram[buckets.count()];
        history.of(SendOk.class).forEach(ok -> {
            var invoke = sends.invokes.get(ok.clientMsgId());
            if (invoke != null) {
                long micros = Math.max(0, ok.time() - invoke.intended());
                if (!warmupPhases.contains(invoke.phase())) {
                    send.recordValue(micros);
                }
                at(sendSeries, buckets.of(invoke.intended())).recordValue(micros);
            }
        });
        for (Receipt r : history.of(Receipt.class).toList()) {
            Sends.Acked a = sends.acked.get(r.messageId());
            if (a != null && !r.receiver().equals(a.invoke().sender())) {
                long micros = Math.max(0, r.time() - a.invoke().intended());
                if (!warmupPhases.contains(a.invoke().phase())) {
                    delivery.recordValue(micros);
                }
                at(deliverySeries, buckets.of(a.invoke().intended())).recordValue(micros);
            }
        }
        List<Point> series = new ArrayList<>();
        for (int i = 0; i < buckets.count(); i++) {
            LatencySummary s = LatencySummary.of(at(sendSeries, i));
            LatencySummary d = LatencySummary.of(at(deliverySeries, i));
            series.add(new Point(
                    buckets.at(i), s.count(), s.p50(), s.p95(), s.p99(), d.count(), d.p50(), d.p95(), d.p99()));
        }
        return new Result(LatencySummary.of(send), LatencySummary.of(delivery), floor(send), floor(delivery), series);
    }

    private static Double floor(Histogram latencies) {
        return latencies.getTotalCount() == 0
                ? null
                : LatencySummary.at(latencies, FLOOR_PERCENTILE, TimeUnit.MICROSECONDS);
    }

    private static Histogram at(Histogram[] series, int i) {
        if (series[i] == null) {
            series[i] = LatencySummary.histogram();
        }
        return series[i];
    }
}
