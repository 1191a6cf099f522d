package io.chorus.query.db;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
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
import java.util.List;

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
        SearchResponse<MessageIndex.Document> response = elasticsearch.client()
                .search(request(criteria, channels), MessageIndex.Document.class);
        List<Hit<MessageIndex.Document>> hits = response.hits().hits();
        List<SearchHit> page = new ArrayList<>(hits.size());
        for (Hit<MessageIndex.Document> hit : hits) {
            MessageIndex.Document doc = hit.source();
            if (doc == null) {
                continue;
            }
            List<String> fragments = hit.highlight().getOrDefault(MessageIndex.TEXT, List.of());
            page.add(new SearchHit(doc.messageId(), doc.channelId(), doc.authorId(), doc.text(), doc.createdAt(),
                    doc.editedAt(), fragments));
        }
        String next = null;
        if (hits.size() == criteria.limit()) {
            List<FieldValue> sort = hits.get(hits.size() - 1).sort();
            next = new SearchCursor(sort.get(0).doubleValue(), sort.get(1).longValue(), sort.get(2).stringValue())
                    .encode();
        }
        return new SearchPage(page, next);
    }

    static SearchRequest request(SearchCriteria criteria, Collection<String> channels) {
        List<FieldValue> channelValues = channels.stream().map(FieldValue::of).toList();
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.terms(t -> t.field(MessageIndex.CHANNEL_ID).terms(v -> v.value(channelValues)))));
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
                    .size(criteria.limit())
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
            criteria.cursor().ifPresent(c -> s.searchAfter(FieldValue.of(c.score()), FieldValue.of(c.createdAtMillis()),
                    FieldValue.of(c.messageId())));
            return s;
        });
    }
}
