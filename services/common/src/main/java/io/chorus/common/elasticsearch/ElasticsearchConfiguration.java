package io.chorus.common.elasticsearch;

/** A service configuration with a Elasticsearch block: hands its factory to the {@link ElasticsearchBundle}. */
public interface ElasticsearchConfiguration {
    ElasticsearchFactory getElasticsearch();
}
