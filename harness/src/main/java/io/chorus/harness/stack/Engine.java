package io.chorus.harness.stack;

/** An engine a service connects to; each service-to-engine connection is a named link through Toxiproxy. */
public enum Engine {
    NATS("nats"),
    CASSANDRA("cassandra"),
    MONGO("mongo"),
    ELASTICSEARCH("elasticsearch");

    private final String linkName;

    Engine(String linkName) {
        this.linkName = linkName;
    }

    public String linkName() {
        return linkName;
    }
}
