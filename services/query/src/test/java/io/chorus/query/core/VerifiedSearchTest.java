package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedSearchTest {
    private static final SearchCursorSeal SEAL =
            new SearchCursorSeal("s".repeat(32).getBytes(StandardCharsets.UTF_8));

    /**
     * Matches in best-first order, each of a channel, made by a random sequence of operations: a message in a channel
     * the caller reads, or in one they do not. Every candidate's position is its index.
     */
    private record Matches(List<String> channels) implements VerifiedSearch.Matches<String> {
        static Matches of(List<Integer> ops) {
            List<String> channels = new ArrayList<>();
            ops.forEach(op -> channels.add((op % 2 == 0 ? "mine-" : "theirs-") + op % 7));
            return new Matches(channels);
        }

        @Override
        public List<VerifiedSearch.Candidate<String>> after(Optional<SearchCursor> after, int size) {
            int from = after.map(c -> Integer.parseInt(c.messageId().substring(1)) + 1)
                    .orElse(0);
            List<VerifiedSearch.Candidate<String>> page = new ArrayList<>();
            for (int i = from; i < Math.min(channels.size(), from + size); i++) {
                page.add(new VerifiedSearch.Candidate<>("m" + i, channels.get(i), new SearchCursor(1.0, 0, "m" + i)));
            }
            return page;
        }

        List<String> readable() {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < channels.size(); i++) {
                if (channels.get(i).startsWith("mine-")) {
                    ids.add("m" + i);
                }
            }
            return ids;
        }
    }

    private static Set<String> readable(Set<String> channels) {
        Set<String> yes = new HashSet<>();
        channels.stream().filter(c -> c.startsWith("mine-")).forEach(yes::add);
        return yes;
    }

    @Test
    void pagingThroughSealedCursorsShowsEveryReadableMatchOnceInOrderAndNothingElse() {
        qt().forAll(
                        lists().of(integers().between(0, 1_000)).ofSizeBetween(0, 300),
                        integers().between(1, 20),
                        integers().between(1, 30),
                        integers().between(1, 4))
                .checkAssert((ops, limit, round, rounds) -> {
                    Matches matches = Matches.of(ops);
                    List<String> seen = new ArrayList<>();
                    Optional<SearchCursor> from = Optional.empty();
                    for (int pages = 0; pages <= ops.size() + 1; pages++) {
                        VerifiedSearch.Found<String> found = page(matches, from, limit, round, round * rounds);
                        assertThat(found.hits()).hasSizeLessThanOrEqualTo(limit);
                        seen.addAll(found.hits());
                        if (found.next().isEmpty()) {
                            break;
                        }
                        // what the client holds is sealed: it opens again to the same place, for the same caller
                        from = Optional.of(SEAL.open(SEAL.seal(found.next().get(), "heavy"), "heavy"));
                    }
                    assertThat(seen).containsExactlyElementsOf(matches.readable());
                });
    }

    @Test
    void aPageCutShortByTheBudgetEndsOnACandidateTheCallerCannotRead() {
        List<Integer> ops = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ops.add(1);
        }
        ops.add(0);
        Matches matches = Matches.of(ops);

        VerifiedSearch.Found<String> first = page(matches, Optional.empty(), 10, 10, 40);
        assertThat(first.hits()).isEmpty();
        assertThat(first.next()).contains(new SearchCursor(1.0, 0, "m39"));
        assertThat(matches.channels().get(39)).startsWith("theirs-");
        VerifiedSearch.Found<String> second = page(matches, first.next(), 10, 10, 40);
        assertThat(second.hits()).containsExactly("m50");
        assertThat(second.next()).isEmpty();
    }

    private static VerifiedSearch.Found<String> page(
            Matches matches, Optional<SearchCursor> from, int limit, int round, int max) {
        try {
            return VerifiedSearch.page(from, limit, matches, VerifiedSearchTest::readable, round, max);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
