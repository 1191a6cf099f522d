package io.chorus.common.mongo;

/** A service configuration with a MongoDB block: hands its factory to the {@link MongoBundle}. */
public interface MongoConfiguration {
    MongoFactory getMongo();
}
