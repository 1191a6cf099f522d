package io.chorus.common.mongo;

import com.codahale.metrics.health.HealthCheck;
import org.bson.Document;

/** Healthy when the server answers {@code ping}. */
public class MongoHealthCheck extends HealthCheck {
    private final ManagedMongoClient mongo;

    public MongoHealthCheck(ManagedMongoClient mongo) {
        this.mongo = mongo;
    }

    @Override
    protected Result check() {
        Document answer = mongo.database().runCommand(new Document("ping", 1));
        return answer.get("ok", Number.class).doubleValue() == 1.0
                ? Result.healthy("ping ok")
                : Result.unhealthy("ping answered " + answer.toJson());
    }
}
