package io.chorus.harness.stack;

import static io.chorus.harness.stack.Engine.CASSANDRA;
import static io.chorus.harness.stack.Engine.ELASTICSEARCH;
import static io.chorus.harness.stack.Engine.MONGO;
import static io.chorus.harness.stack.Engine.NATS;

import io.chorus.harness.stack.ServiceProcess.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The service processes a stack shape runs, and which engines each connects to (docs/architecture.md). A service
 * run as several instances names its first one as the service ({@code command}, {@code message-writer}) and the
 * others with their number ({@code command-2}, {@code message-writer-3}), so that a one-instance stack keeps the
 * names scenarios and tests aim faults at (decision 0221); the fan-out and notification instances are numbered from 1.
 */
public final class Topology {
    private Topology() {}

    /** The name of instance {@code number} (from 1) of {@code service}. */
    public static String instanceName(String service, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("instances are numbered from 1: " + number);
        }
        return number == 1 ? service : service + "-" + number;
    }

    /**
     * The service an instance of a command, query or worker process belongs to: {@code message-writer-3} is a
     * {@code message-writer} (the worker pool it runs), {@code command-2} a {@code command}. Fan-out and
     * notification instances answer their own name (each is a partition or an instance id of its own).
     */
    public static String serviceOf(ServiceProcess process) {
        return switch (process.role()) {
            case COMMAND, QUERY, WORKER -> process.name().replaceFirst("-[0-9]+$", "");
            case FANOUT, NOTIFICATION -> process.name();
        };
    }

    public static List<ServiceProcess> services(StackShape shape) {
        List<ServiceProcess> services = new ArrayList<>();
        for (int i = 1; i <= shape.commandInstances(); i++) {
            services.add(new ServiceProcess(instanceName("command", i), "command", Role.COMMAND, List.of(NATS)));
        }
        for (int i = 1; i <= shape.queryInstances(); i++) {
            services.add(new ServiceProcess(
                    instanceName("query", i), "query", Role.QUERY, List.of(NATS, CASSANDRA, MONGO, ELASTICSEARCH)));
        }
        for (int i = 1; i <= shape.fanoutInstances(); i++) {
            services.add(new ServiceProcess("fanout-" + i, "fanout", Role.FANOUT, List.of(NATS)));
        }
        for (int i = 1; i <= shape.notificationInstances(); i++) {
            // MONGO: a user's channels are read from memberships at connect (decision 0020)
            services.add(
                    new ServiceProcess("notification-" + i, "notification", Role.NOTIFICATION, List.of(NATS, MONGO)));
        }
        for (int i = 1; i <= shape.messageWriters(); i++) {
            services.add(new ServiceProcess(
                    instanceName("message-writer", i), "workers", Role.WORKER, List.of(NATS, CASSANDRA)));
        }
        for (int i = 1; i <= shape.metaWriters(); i++) {
            services.add(
                    new ServiceProcess(instanceName("meta-writer", i), "workers", Role.WORKER, List.of(NATS, MONGO)));
        }
        for (int i = 1; i <= shape.searchIndexers(); i++) {
            services.add(new ServiceProcess(
                    instanceName("search-indexer", i), "workers", Role.WORKER, List.of(NATS, ELASTICSEARCH)));
        }
        services.add(new ServiceProcess("push", "workers", Role.WORKER, List.of(NATS, MONGO)));
        services.add(new ServiceProcess("webhook", "workers", Role.WORKER, List.of(NATS, MONGO)));
        return List.copyOf(services);
    }
}
