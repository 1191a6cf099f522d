package io.chorus.common.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.dropwizard.lifecycle.Managed;

/**
 * The service's MongoDB client. The driver connects lazily and reconnects by itself, so start-up does not wait
 * for the server: the health check says whether it answers.
 */
public class ManagedMongoClient implements Managed {
    private final MongoFactory factory;
    private volatile MongoClient client;

    public ManagedMongoClient(MongoFactory factory) {
        this.factory = factory;
    }

    @Override
    public void start() {
        client = MongoClients.create(factory.settings());
    }

    @Override
    public void stop() {
        MongoClient c = client;
        if (c != null) {
            c.close();
        }
    }

    public MongoDatabase database() {
        MongoClient c = client;
        if (c == null) {
            throw new IllegalStateException("MongoDB client not started");
        }
        return c.getDatabase(factory.getDatabase());
    }
}
