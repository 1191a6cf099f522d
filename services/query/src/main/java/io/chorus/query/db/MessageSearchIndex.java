package io.chorus.query.db;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.search.HighlighterEncoder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.chorus.common.elasticsearch.ManagedElasticsearchClient;
import io.chorus.common.search.MessageIndex;
import io.chorus.query.api.SearchHit;
import io.chorus.query.api.SearchPage;
import io.chorus.query.core.SearchCriteria;
import io.chorus.query.core.SearchCursor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Full-text search over the message alias, restricted to the channels given (the caller's), best match first,
 * newest first among equals; paged with {@code search_after} on (score, createdAt, messageId).
 */
public final class MessageSearchIndex {
    private final ManagedElasticsearchClient elasticsearch;

    public MessageSearchIndex(ManagedElasticsearchClient elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    /** @param channels the only channels whose messages may be returned; must not be empty */
    public SearchPage search(SearchCriteria criteria, Collection<String> channels) throws IOException {
        List<FieldValue> channelValues = channels.stream().map(FieldValue::of).toList();
        Query channelFilter = Query.of(q -> q.terms(t -> t.field(MessageIndex.CHANNEL_ID).terms(v -> v.value(channelValues))));
        List<Hit<MessageIndex.Document>> hits = fetch(criteria, criteria.cursor(), criteria.limit(), channelFilter);
        List<SearchHit> page = new ArrayList<>(hits.size());
        hits.forEach(hit -> page.add(toHit(hit)));
        String next = hits.size() == criteria.limit() ? cursorAfter(hits.get(hits.size() - 1)).encode() : null;
        return new SearchPage(page, next);
    }

    /**
     * For a caller in too many channels to list in a filter: walks the best matches of all channels in rounds of
     * {@code round} candidates and keeps those whose channel is among {@code readable}'s answer, until the page is
     * full, the matches run out, or {@code maxCandidates} were examined. {@code readable} is asked once per round,
     * for the channels of that round not asked about before, and answers the subset the caller may read. The cursor
     * resumes after the last candidate examined, so a page cut short by the budget is continued, never skipped; a
     * hit is shown only after its channel passed.
     */
    public SearchPage searchVerified(SearchCriteria criteria, Function<Set<String>, Set<String>> readable, int round,
                                     int maxCandidates) throws IOException {
        Map<String, Boolean> verdicts = new HashMap<>();
        List<SearchHit> page = new ArrayList<>();
        Optional<SearchCursor> after = criteria.cursor();
        int examined = 0;
        while (examined < maxCandidates) {
            List<Hit<MessageIndex.Document>> candidates = fetch(criteria, after, round, null);
            judge(candidates, verdicts, readable);
            for (Hit<MessageIndex.Document> hit : candidates) {
                examined++;
                after = Optional.of(cursorAfter(hit));
                MessageIndex.Document doc = hit.source();
                if (doc != null && verdicts.getOrDefault(doc.channelId(), false)) {
                    page.add(toHit(hit));
                    if (page.size() == criteria.limit()) {
                        return new SearchPage(page, after.get().encode());
                    }
                }
            }
            if (candidates.size() < round) {
                return new SearchPage(page, null);
            }
        }
        return new SearchPage(page, after.map(SearchCursor::encode).orElse(null));
    }

    /** Asks about the round's channels not judged yet, all at once. */
    private static void judge(List<Hit<MessageIndex.Document>> candidates, Map<String, Boolean> verdicts,
                              Function<Set<String>, Set<String>> readable) {
        Set<String> unknown = new HashSet<>();
        for (Hit<MessageIndex.Document> hit : candidates) {
            if (hit.source() != null && !verdicts.containsKey(hit.source().channelId())) {
                unknown.add(hit.source().channelId());
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        Set<String> yes = readable.apply(unknown);
        unknown.forEach(channel -> verdicts.put(channel, yes.contains(channel)));
    }

    private List<Hit<MessageIndex.Document>> fetch(SearchCriteria criteria, Optional<SearchCursor> after, int size,
                                                   Query channelFilter) throws IOException {
        return elasticsearch.client().search(request(criteria, after, size, channelFilter), MessageIndex.Document.class)
                .hits().hits();
    }

    private static SearchHit toHit(Hit<MessageIndex.Document> hit) {
        MessageIndex.Document doc = hit.source();
        List<String> fragments = hit.highlight().getOrDefault(MessageIndex.TEXT, List.of());
        return new SearchHit(doc.messageId(), doc.channelId(), doc.authorId(), doc.text(), doc.createdAt(),
                doc.editedAt(), fragments);
    }

    private static SearchCursor cursorAfter(Hit<MessageIndex.Document> hit) {
        List<FieldValue> sort = hit.sort();
        return new SearchCursor(sort.get(0).doubleValue(), sort.get(1).longValue(), sort.get(2).stringValue());
    }

    static SearchRequest request(SearchCriteria criteria, Optional<SearchCursor> after, int size, Query channelFilter) {
        List<Query> filters = new ArrayList<>();
        if (channelFilter != null) {
            filters.add(channelFilter);
        }
        if (criteria.from().isPresent() || criteria.to().isPresent()) {
            filters.add(Query.of(q -> q.range(r -> r.date(d -> {
                d.field(MessageIndex.CREATED_AT);
                criteria.from().ifPresent(from -> d.gte(from.toString()));
                criteria.to().ifPresent(to -> d.lt(to.toString()));
                return d;
            }))));
        }
        return SearchRequest.of(s -> {
            s.index(MessageIndex.ALIAS)
                    .ignoreUnavailable(true)
                    .allowNoIndices(true)
                    .trackTotalHits(t -> t.enabled(false))
                    .size(size)
                    .query(q -> q.bool(b -> b
                            .must(m -> m.match(mt -> mt.field(MessageIndex.TEXT).query(criteria.text())
                                    .operator(Operator.And)))
                            .filter(filters)))
                    .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field(MessageIndex.CREATED_AT).order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field(MessageIndex.MESSAGE_ID).order(SortOrder.Desc)))
                    .highlight(h -> h.encoder(HighlighterEncoder.Html)
                            .fields(MessageIndex.TEXT, f -> f.preTags("<em>").postTags("</em>")
                                    .numberOfFragments(3).fragmentSize(150)));
            after.ifPresent(c -> s.searchAfter(FieldValue.of(c.score()), FieldValue.of(c.createdAtMillis()),
                    FieldValue.of(c.messageId())));
            return s;
        });
    }
}
