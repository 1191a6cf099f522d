package io.chorus.common.elasticsearch;

import io.chorus.common.engine.EngineBundle;

/** A service's Elasticsearch client, health check {@code elasticsearch}. */
public final class ElasticsearchBundle<C extends ElasticsearchConfiguration>
        extends EngineBundle<C, ElasticsearchFactory, ManagedElasticsearchClient> {
    public ElasticsearchBundle() {
        super(
                "elasticsearch",
                ElasticsearchConfiguration::getElasticsearch,
                ElasticsearchFactory::build,
                ElasticsearchHealthCheck::new);
    }
}
