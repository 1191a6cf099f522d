package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Receipt;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * No receiver gets a message twice, on one connection or across its reconnections (a resume must start after the
 * last event delivered, so a client never has to deduplicate).
 */
public final class DuplicateChecker implements Checker<DuplicateChecker.Result> {
    public static final String NAME = "duplicates";

    public record Duplicate(String receiver, String messageId) {}

    public record Result(long receipts, long duplicated, List<Duplicate> examples) implements CheckResult {
        @Override
        public Optional<Invariant> invariant() {
            return Optional.of(new Invariant(
                    NAME, duplicated, examples.stream().map(Duplicate::toString).toList()));
        }

        @Override
        public List<Measurement> measurements() {
            return List.of(Measurement.of("deliveries.duplicated", duplicated));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Map<String, Set<String>> seen = new HashMap<>();
        long[] counts = new long[2];
        List<Duplicate> examples = Examples.list();
        history.of(Receipt.class).forEach(r -> {
            counts[0]++;
            if (!seen.computeIfAbsent(r.receiver(), k -> new HashSet<>()).add(r.messageId())) {
                counts[1]++;
                Examples.add(examples, new Duplicate(r.receiver(), r.messageId()));
            }
        });
        return new Result(counts[0], counts[1], examples);
    }
}
