package io.chorus.workers.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The worker pools, each started as its own process, and the stores each one writes to. */
public enum WorkerPool {
    MESSAGE_WRITER("message-writer", EnumSet.of(Store.CASSANDRA)),
    META_WRITER("meta-writer", EnumSet.of(Store.MONGO)),
    SEARCH_INDEXER("search-indexer", EnumSet.of(Store.ELASTICSEARCH)),
    // reads memberships, notification levels and devices (decision 0202)
    PUSH("push", EnumSet.of(Store.MONGO)),
    WEBHOOK("webhook", EnumSet.of(Store.MONGO));

    /** A store a pool may need besides NATS, which every pool needs. */
    public enum Store {
        CASSANDRA,
        MONGO,
        ELASTICSEARCH
    }

    private final String poolName;
    private final Set<Store> stores;

    WorkerPool(String poolName, Set<Store> stores) {
        this.poolName = poolName;
        this.stores = stores;
    }

    @JsonValue
    public String poolName() {
        return poolName;
    }

    public Set<Store> stores() {
        return stores;
    }

    @JsonCreator
    public static WorkerPool named(String name) {
        return Arrays.stream(values())
                .filter(p -> p.poolName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown worker pool '" + name + "', expected one of "
                        + Arrays.stream(values()).map(WorkerPool::poolName).collect(Collectors.joining(", "))));
    }
}
