package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.SendFail;
import io.chorus.harness.history.SendInfo;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Errors by status: each refused send under its HTTP status, each send that got no answer under {@code none},
 * and each send that never completed at all (the history ends between its invoke and any answer) under
 * {@code incomplete}.
 */
public final class ErrorChecker implements Checker<ErrorChecker.Result> {
    public static final String NAME = "errors";

    public record Result(long offered, long total, Map<String, Long> byStatus) implements CheckResult {
        @Override
        public List<Measurement> measurements() {
            return List.of(
                    Measurement.of("messages.offered", offered),
                    Measurement.of("errors.total", total),
                    Measurement.of("errors.ratio", offered == 0 ? 0.0 : (double) total / offered));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Map<String, Long> byStatus = new TreeMap<>();
        Set<String> completed = new HashSet<>();
        history.of(SendFail.class).forEach(f -> {
            byStatus.merge(Integer.toString(f.status()), 1L, Long::sum);
            completed.add(f.clientMsgId());
        });
        history.of(SendInfo.class).forEach(i -> {
            byStatus.merge("none", 1L, Long::sum);
            completed.add(i.clientMsgId());
        });
        history.of(SendOk.class).forEach(ok -> completed.add(ok.clientMsgId()));
        long offered = history.of(SendInvoke.class).count();
        long incomplete = history.of(SendInvoke.class)
                .filter(i -> !completed.contains(i.clientMsgId()))
                .count();
        if (incomplete > 0) {
            byStatus.put("incomplete", incomplete);
        }
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new Result(offered, total, byStatus);
    }
}
