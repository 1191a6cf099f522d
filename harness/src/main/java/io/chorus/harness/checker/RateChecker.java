package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendFail;
import io.chorus.harness.history.SendInfo;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import java.util.ArrayList;
import java.util.List;

/**
 * Achieved against offered rate. Offered is what the phases' schedules asked for (rate x duration, over their
 * total duration); achieved is the 202s of the sends intended in those phases, over the same duration. Gives a
 * throughput series per time bucket: sends intended, 202s, receipts and errors per second.
 */
public final class RateChecker implements Checker<RateChecker.Result> {
    public static final String NAME = "rate";

    public record Point(double t, double sent, double acked, double delivered, double errors) {}

    public record Result(double offered, double achieved, double seconds, List<Point> series) implements CheckResult {
        @Override
        public List<Measurement> measurements() {
            if (seconds <= 0) {
                return List.of();
            }
            return List.of(
                    Measurement.of("rate.offered", offered),
                    Measurement.of("rate.achieved", achieved),
                    Measurement.of("rate.achieved_ratio", offered > 0 ? achieved / offered : 0));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        List<PhaseWindow> windows = history.of(PhaseWindow.class).toList();
        double seconds =
                windows.stream().mapToDouble(w -> (w.end() - w.time()) / 1e6).sum();
        double offeredMessages = windows.stream()
                .mapToDouble(w -> w.rate() * (w.end() - w.time()) / 1e6)
                .sum();
        Sends sends = new Sends(history);
        long acked = sends.acked.values().stream()
                .filter(a -> windows.stream()
                        .anyMatch(w ->
                                a.invoke().intended() >= w.time() && a.invoke().intended() < w.end()))
                .count();
        return new Result(
                seconds > 0 ? offeredMessages / seconds : 0,
                seconds > 0 ? acked / seconds : 0,
                seconds,
                series(history));
    }

    private static List<Point> series(History history) {
        Buckets buckets = Buckets.over(history.span());
        double[][] counts = new double[4][buckets.count()];
        history.ops().forEach(op -> {
            if (op instanceof SendInvoke i) {
                counts[0][buckets.of(i.intended())]++;
            } else if (op instanceof SendOk) {
                counts[1][buckets.of(op.time())]++;
            } else if (op instanceof Receipt) {
                counts[2][buckets.of(op.time())]++;
            } else if (op instanceof SendFail || op instanceof SendInfo) {
                counts[3][buckets.of(op.time())]++;
            }
        });
        List<Point> points = new ArrayList<>();
        double width = buckets.seconds();
        for (int i = 0; i < buckets.count(); i++) {
            points.add(new Point(
                    buckets.at(i),
                    counts[0][i] / width,
                    counts[1][i] / width,
                    counts[2][i] / width,
                    counts[3][i] / width));
        }
        return points;
    }
}
