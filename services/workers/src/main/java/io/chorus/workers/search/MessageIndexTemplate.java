package io.chorus.workers.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.search.MessageIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;

/**
 * The index template every daily message index is created from (mappings, analyzer, settings, the alias). Put on
 * every start: the put is idempotent, and a changed template applies to the next day's index.
 */
public final class MessageIndexTemplate {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String body;

    public MessageIndexTemplate(int replicas) {
        try (InputStream in = MessageIndexTemplate.class.getResourceAsStream("message-index-template.json")) {
            ObjectNode template = (ObjectNode) JSON.readTree(in);
            ((ObjectNode) template.path("template").path("settings")).put("number_of_replicas", replicas);
            this.body = JSON.writeValueAsString(template);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void install(ElasticsearchClient client) throws IOException {
        client.indices()
                .putIndexTemplate(PutIndexTemplateRequest.of(
                        b -> b.name(MessageIndex.TEMPLATE).withJson(new StringReader(body))));
    }
}
