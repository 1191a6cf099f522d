package io.chorus.harness.checker;

import io.chorus.harness.checker.StoreListing.StoredMessage;
import io.chorus.harness.history.History;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The search index holds what history holds: each message the history store lists for the run's channels is in the
 * index once (in its channel), and the index holds nothing else of those channels. The loss checker ties history
 * to the acknowledged sends, so together they prove a rebuilt index equals what the run's history says it should.
 */
public final class SearchIndexChecker implements Checker<SearchIndexChecker.Result> {
    public static final String NAME = "search";
    private final StoreListing history;
    private final StoreListing search;

    public SearchIndexChecker(StoreListing history, StoreListing search) {
        this.history = history;
        this.search = search;
    }

    public record Result(
            long indexed, long missing, long extra, List<String> missingExamples, List<String> extraExamples)
            implements CheckResult {
        /** Violated by each message history holds that the index lacks, and each document too many. */
        @Override
        public Optional<Invariant> invariant() {
            List<String> examples = new ArrayList<>();
            missingExamples.forEach(m -> examples.add("missing " + m));
            extraExamples.forEach(m -> examples.add("extra " + m));
            return Optional.of(new Invariant(NAME, missing + extra, examples));
        }

        @Override
        public List<Measurement> measurements() {
            return List.of(Measurement.of("search.missing", missing), Measurement.of("search.extra", extra));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History ignored) {
        Map<String, Integer> indexed = new HashMap<>();
        search.messages().forEach(m -> indexed.merge(key(m), 1, Integer::sum));
        Set<String> stored = new HashSet<>();
        history.messages().forEach(m -> stored.add(key(m)));
        List<String> missingExamples = Examples.list();
        List<String> extraExamples = Examples.list();
        long missing = 0;
        for (String message : stored) {
            if (!indexed.containsKey(message)) {
                missing++;
                Examples.add(missingExamples, message);
            }
        }
        long extra = 0;
        for (Map.Entry<String, Integer> doc : indexed.entrySet()) {
            long surplus = stored.contains(doc.getKey()) ? doc.getValue() - 1 : doc.getValue();
            if (surplus > 0) {
                extra += surplus;
                Examples.add(extraExamples, doc.getKey());
            }
        }
        return new Result(search.messages().size(), missing, extra, missingExamples, extraExamples);
    }

    private static String key(StoredMessage m) {
        return m.channel() + "/" + m.messageId();
    }
}
