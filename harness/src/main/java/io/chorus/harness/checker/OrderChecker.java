package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Receipt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-channel order at every receiver: in the order a receiver's receipts were appended to the history (the order
 * its sockets handed them over), the {@code seq} of one channel's events only goes up.
 */
public final class OrderChecker implements Checker<OrderChecker.Result> {
    public static final String NAME = "order";

    public record Violation(String receiver, String channel, String messageId, long seq, long previousSeq) {}

    public record Result(long violations, List<Violation> examples) implements CheckResult {
        @Override
        public Optional<Invariant> invariant() {
            return Optional.of(new Invariant(
                    NAME, violations, examples.stream().map(Violation::toString).toList()));
        }

        @Override
        public List<Measurement> measurements() {
            return List.of(Measurement.of("order.violations", violations));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Map<String, Long> last = new HashMap<>();
        long[] violations = new long[1];
        List<Violation> examples = Examples.list();
        history.of(Receipt.class).forEach(r -> {
            String key = r.receiver() + '\u0000' + r.channel();
            Long previous = last.get(key);
            if (previous != null && r.seq() <= previous) {
                violations[0]++;
                Examples.add(examples, new Violation(r.receiver(), r.channel(), r.messageId(), r.seq(), previous));
            } else {
                last.put(key, r.seq());
            }
        });
        return new Result(violations[0], examples);
    }
}
