package io.chorus.harness.stack;

import java.util.List;

/**
 * One service process of the stack.
 *
 * @param name    unique in the stack: {@code command}, {@code notification-2}, {@code message-writer}
 * @param module  the Maven module under {@code services/} whose jar it runs
 * @param role    what it is: command, query, fanout, notification or worker
 * @param engines the engines it connects to, each through its own link
 */
public record ServiceProcess(String name, String module, Role role, List<Engine> engines) {

    public enum Role {
        COMMAND,
        QUERY,
        FANOUT,
        NOTIFICATION,
        WORKER
    }

    /** The link name of this service's connection to an engine, e.g. {@code message-writer -> cassandra}. */
    public String linkTo(Engine engine) {
        return name + " -> " + engine.linkName();
    }

    /** Whether clients call it with bearer tokens (the REST services and the WebSocket endpoint). */
    public boolean checksTokens() {
        return role == Role.COMMAND || role == Role.QUERY || role == Role.NOTIFICATION;
    }
}
