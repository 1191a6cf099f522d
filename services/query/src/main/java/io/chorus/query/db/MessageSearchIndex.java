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
import io.chorus.query.core.SearchCriteria;
import io.chorus.query.core.SearchCursor;
import io.chorus.query.core.VerifiedSearch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
    public VerifiedSearch.Found<SearchHit> search(SearchCriteria criteria, Collection<String> channels)
            throws IOException {
        List<FieldValue> channelValues = channels.stream().map(FieldValue::of).toList();
        Query channelFilter =
                Query.of(q -> q.terms(t -> t.field(MessageIndex.CHANNEL_ID).terms(v -> v.value(channelValues))));
        List<Hit<MessageIndex.Document>> hits = fetch(criteria, criteria.cursor(), criteria.limit(), channelFilter);
        List<SearchHit> page = new ArrayList<>(hits.size());
        hits.forEach(hit -> page.add(toHit(hit)));
        Optional<SearchCursor> next = hits.size() == criteria.limit()
                ? Optional.of(cursorAfter(hits.get(hits.size() - 1)))
                : Optional.empty();
        return new VerifiedSearch.Found<>(page, next);
    }

    /**
     * For a caller in too many channels to list in a filter: the best matches of all channels, each shown only after
     * its channel passed {@code readable} ({@link VerifiedSearch}).
     */
    public VerifiedSearch.Found<SearchHit> searchVerified(
            SearchCriteria criteria, Function<Set<String>, Set<String>> readable, int round, int maxCandidates)
            throws IOException {
        return VerifiedSearch.page(
                criteria.cursor(),
                criteria.limit(),
                (after, size) -> {
                    List<VerifiedSearch.Candidate<SearchHit>> candidates = new ArrayList<>();
                    for (Hit<MessageIndex.Document> hit : fetch(criteria, after, size, null)) {
                        MessageIndex.Document doc = hit.source();
                        candidates.add(new VerifiedSearch.Candidate<>(
                                doc == null ? null : toHit(hit),
                                doc == null ? null : doc.channelId(),
                                cursorAfter(hit)));
                    }
                    return candidates;
                },
                readable,
                round,
                maxCandidates);
    }

    private List<Hit<MessageIndex.Document>> fetch(
            SearchCriteria criteria, Optional<SearchCursor> after, int size, Query channelFilter) throws IOException {
        return elasticsearch
                .client()
                .search(request(criteria, after, size, channelFilter), MessageIndex.Document.class)
                .hits()
                .hits();
    }

    private static SearchHit toHit(Hit<MessageIndex.Document> hit) {
        MessageIndex.Document doc = hit.source();
        List<String> fragments = hit.highlight().getOrDefault(MessageIndex.TEXT, List.of());
        return new SearchHit(
                doc.messageId(),
                doc.channelId(),
                doc.authorId(),
                doc.text(),
                doc.createdAt(),
                doc.editedAt(),
                fragments);
    }

    private static SearchCursor cursorAfter(Hit<MessageIndex.Document> hit) {
        List<FieldValue> sort = hit.sort();
        return new SearchCursor(
                sort.get(0).doubleValue(), sort.get(1).longValue(), sort.get(2).stringValue());
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
                    .query(q -> q.bool(b -> b.must(m -> m.match(mt -> mt.field(MessageIndex.TEXT)
                                    .query(criteria.text())
                                    .operator(Operator.And)))
                            .filter(filters)))
                    .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field(MessageIndex.CREATED_AT).order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field(MessageIndex.MESSAGE_ID).order(SortOrder.Desc)))
                    .highlight(h -> h.encoder(HighlighterEncoder.Html)
                            .fields(
                                    MessageIndex.TEXT,
                                    f -> f.preTags("<em>")
                                            .postTags("</em>")
                                            .numberOfFragments(3)
                                            .fragmentSize(150)));
            after.ifPresent(c -> s.searchAfter(
                    FieldValue.of(c.score()), FieldValue.of(c.createdAtMillis()), FieldValue.of(c.messageId())));
            return s;
        });
    }
}
