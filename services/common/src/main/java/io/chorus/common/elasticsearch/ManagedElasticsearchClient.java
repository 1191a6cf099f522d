package io.chorus.common.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.dropwizard.lifecycle.Managed;
import org.elasticsearch.client.RestClient;

/** The service's Elasticsearch client (HTTP; connects per request, so start-up does not wait for the node). */
public class ManagedElasticsearchClient implements Managed {
    private final ElasticsearchFactory factory;
    private volatile RestClientTransport transport;
    private volatile ElasticsearchClient client;

    public ManagedElasticsearchClient(ElasticsearchFactory factory) {
        this.factory = factory;
    }

    @Override
    public void start() {
        RestClient rest = factory.restClient().build();
        transport = new RestClientTransport(rest, new JacksonJsonpMapper());
        client = new ElasticsearchClient(transport);
    }

    @Override
    public void stop() throws Exception {
        RestClientTransport t = transport;
        if (t != null) {
            t.close();
        }
    }

    public ElasticsearchClient client() {
        ElasticsearchClient c = client;
        if (c == null) {
            throw new IllegalStateException("Elasticsearch client not started");
        }
        return c;
    }
}
