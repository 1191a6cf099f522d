package io.chorus.common.mongo;

import io.chorus.common.engine.EngineBundle;

/** A service's MongoDB client, health check {@code mongo}. */
public final class MongoBundle<C extends MongoConfiguration> extends EngineBundle<C, MongoFactory, ManagedMongoClient> {
    public MongoBundle() {
        super("mongo", MongoConfiguration::getMongo, MongoFactory::build, MongoHealthCheck::new);
    }
}
