package io.chorus.common.elasticsearch;

import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import com.codahale.metrics.health.HealthCheck;

/** Healthy when the cluster health is yellow or green (a single node never gets replicas, so yellow is normal). */
public class ElasticsearchHealthCheck extends HealthCheck {
    private final ManagedElasticsearchClient elasticsearch;

    public ElasticsearchHealthCheck(ManagedElasticsearchClient elasticsearch) {
        this.elasticsearch = elasticsearch;
    }

    @Override
    protected Result check() throws Exception {
        HealthResponse health = elasticsearch.client().cluster().health();
        return health.status() == HealthStatus.Red
                ? Result.unhealthy("cluster %s is red", health.clusterName())
                : Result.healthy(
                        "cluster %s is %s",
                        health.clusterName(), health.status().jsonValue());
    }
}
