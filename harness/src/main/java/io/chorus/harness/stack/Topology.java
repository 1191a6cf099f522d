package io.chorus.harness.stack;

import static io.chorus.harness.stack.Engine.CASSANDRA;
import static io.chorus.harness.stack.Engine.ELASTICSEARCH;
import static io.chorus.harness.stack.Engine.MONGO;
import static io.chorus.harness.stack.Engine.NATS;

import io.chorus.harness.stack.ServiceProcess.Role;
import java.util.ArrayList;
import java.util.List;

/** The service processes a stack shape runs, and which engines each connects to (docs/architecture.md). */
public final class Topology {
    private Topology() {}

    public static List<ServiceProcess> services(StackShape shape) {
        List<ServiceProcess> services = new ArrayList<>();
        services.add(new ServiceProcess("command", "command", Role.COMMAND, List.of(NATS)));
        services.add(new ServiceProcess("query", "query", Role.QUERY, List.of(NATS, CASSANDRA, MONGO, ELASTICSEARCH)));
        for (int i = 1; i <= shape.fanoutInstances(); i++) {
            services.add(new ServiceProcess("fanout-" + i, "fanout", Role.FANOUT, List.of(NATS)));
        }
        for (int i = 1; i <= shape.notificationInstances(); i++) {
            // MONGO: a user's channels are read from memberships at connect (decision 0020)
            services.add(
                    new ServiceProcess("notification-" + i, "notification", Role.NOTIFICATION, List.of(NATS, MONGO)));
        }
        services.add(new ServiceProcess("message-writer", "workers", Role.WORKER, List.of(NATS, CASSANDRA)));
        services.add(new ServiceProcess("meta-writer", "workers", Role.WORKER, List.of(NATS, MONGO)));
        services.add(new ServiceProcess("search-indexer", "workers", Role.WORKER, List.of(NATS, ELASTICSEARCH)));
        services.add(new ServiceProcess("push", "workers", Role.WORKER, List.of(NATS, MONGO)));
        services.add(new ServiceProcess("webhook", "workers", Role.WORKER, List.of(NATS, MONGO)));
        return List.copyOf(services);
    }
}
