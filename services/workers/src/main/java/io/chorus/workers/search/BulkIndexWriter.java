package io.chorus.workers.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.chorus.workers.search.core.IndexAction;
import io.chorus.workers.search.core.ItemVerdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Sends a batch of index actions as one bulk request and says, item by item, what became of each. */
public final class BulkIndexWriter {
    private final ElasticsearchClient client;

    public BulkIndexWriter(ElasticsearchClient client) {
        this.client = client;
    }

    /** One verdict per action, in order, with Elasticsearch's reason for anything not done. */
    public record Outcome(ItemVerdict verdict, String error) {}

    /**
     * @throws IOException or a runtime exception of the client when the request as a whole failed (Elasticsearch
     *                     unreachable, timing out, or refusing the request): nothing is known about any item
     */
    public List<Outcome> write(List<IndexAction> actions) throws IOException {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (IndexAction action : actions) {
            if (action instanceof IndexAction.Upsert u) {
                bulk.operations(op -> op.index(i -> i.index(u.index())
                        .id(u.id())
                        .version(u.version())
                        .versionType(VersionType.External)
                        .document(u.document())));
            } else {
                throw new IllegalArgumentException("only writes are sent: " + action);
            }
        }
        BulkResponse response = client.bulk(bulk.build());
        List<Outcome> outcomes = new ArrayList<>(actions.size());
        for (BulkResponseItem item : response.items()) {
            String type = item.error() == null ? null : item.error().type();
            String reason =
                    item.error() == null ? null : type + ": " + item.error().reason();
            outcomes.add(new Outcome(ItemVerdict.of(item.status(), type), reason));
        }
        if (outcomes.size() != actions.size()) {
            throw new IOException("bulk answered " + outcomes.size() + " items for " + actions.size() + " actions");
        }
        return outcomes;
    }
}
