package io.chorus.query.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The search of a caller in too many channels to list in a filter (decision 0040, path 3): walks the best matches of
 * all channels in rounds and keeps those whose channel the caller may read, until the page is full, the matches run
 * out, or the budget of candidates is spent. The next page resumes after the last candidate examined, so a page cut
 * short by the budget is continued, never skipped; that candidate may be of a channel the caller is not in, which is
 * why the position only ever leaves the service sealed ({@link SearchCursorSeal}).
 */
public final class VerifiedSearch {
    private VerifiedSearch() {}

    /** One match: what would be shown, its channel (null when unknown: never shown) and its place in the order. */
    public record Candidate<H>(H hit, String channelId, SearchCursor position) {}

    /** Up to {@code size} matches strictly after {@code after}, best first. */
    public interface Matches<H> {
        List<Candidate<H>> after(Optional<SearchCursor> after, int size) throws IOException;
    }

    /** The page's hits and where the next page starts (empty: nothing more). */
    public record Found<H>(List<H> hits, Optional<SearchCursor> next) {}

    /**
     * @param readable asked once per round, about the round's channels not asked about before; answers the subset the
     *                 caller may read
     */
    public static <H> Found<H> page(
            Optional<SearchCursor> from,
            int limit,
            Matches<H> matches,
            Function<Set<String>, Set<String>> readable,
            int round,
            int maxCandidates)
            throws IOException {
        Map<String, Boolean> verdicts = new HashMap<>();
        List<H> page = new ArrayList<>();
        Optional<SearchCursor> after = from;
        int examined = 0;
        while (examined < maxCandidates) {
            List<Candidate<H>> candidates = matches.after(after, round);
            judge(candidates, verdicts, readable);
            for (Candidate<H> candidate : candidates) {
                examined++;
                after = Optional.of(candidate.position());
                if (candidate.channelId() != null && verdicts.getOrDefault(candidate.channelId(), false)) {
                    page.add(candidate.hit());
                    if (page.size() == limit) {
                        return new Found<>(page, after);
                    }
                }
            }
            if (candidates.size() < round) {
                return new Found<>(page, Optional.empty());
            }
        }
        return new Found<>(page, after);
    }

    private static <H> void judge(
            List<Candidate<H>> candidates, Map<String, Boolean> verdicts, Function<Set<String>, Set<String>> readable) {
        Set<String> unknown = new HashSet<>();
        for (Candidate<H> candidate : candidates) {
            if (candidate.channelId() != null && !verdicts.containsKey(candidate.channelId())) {
                unknown.add(candidate.channelId());
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        Set<String> yes = readable.apply(unknown);
        unknown.forEach(channel -> verdicts.put(channel, yes.contains(channel)));
    }
}
