package io.chorus.common.api;

import java.time.Duration;
import java.util.Arrays;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Admits at most {@code max} connections on a service's application connectors (not the admin one: health checks
 * and metrics must answer while the API is full). At the bound the server stops accepting; further clients wait in
 * the kernel's accept queue, and idle keep-alive connections are closed after {@code idleWhenFull} to make room.
 * A connection that has not completed its first request head {@code firstRequestTimeout} after it opened is closed,
 * idle or not ({@link FirstRequestDeadline}): otherwise a client trickling request heads holds the bound for good.
 *
 * <p>Why: a client that opens a connection per request in flight (Gatling's shared pool does, so do retrying
 * mobile clients) turns a slow second into thousands of connections, each with its parser, buffers and request,
 * enough to fill a 256 MB heap and end in {@code OutOfMemoryError} (decision 0088). A bounded count of connections
 * bounds that memory; an overload then costs waiting clients, not the process. The first-request deadline keeps
 * the bound from being held by connections that never ask for anything (decision 0134).
 */
public final class ConnectionAdmission implements LifeCycle.Listener {
    private static final String ADMIN_CONNECTOR = "admin";

    private final int max;
    private final Duration idleWhenFull;
    private final Duration firstRequestTimeout;

    public ConnectionAdmission(int max, Duration idleWhenFull, Duration firstRequestTimeout) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        if (firstRequestTimeout.isNegative() || firstRequestTimeout.isZero()) {
            throw new IllegalArgumentException("firstRequestTimeout must be positive: " + firstRequestTimeout);
        }
        this.max = max;
        this.idleWhenFull = idleWhenFull;
        this.firstRequestTimeout = firstRequestTimeout;
    }

    /** Registered with {@code env.lifecycle().addEventListener(...)}: the limit joins the server before it starts. */
    @Override
    public void lifeCycleStarting(LifeCycle event) {
        if (event instanceof Server server) {
            Connector[] api = Arrays.stream(server.getConnectors())
                    .filter(c -> !ADMIN_CONNECTOR.equals(c.getName()))
                    .toArray(Connector[]::new);
            NetworkConnectionLimit limit = new NetworkConnectionLimit(max, api);
            limit.setEndPointIdleTimeout(idleWhenFull.toMillis());
            server.addBean(limit);
            for (Connector connector : api) {
                if (connector instanceof AbstractConnector container) {
                    container.addBean(new FirstRequestDeadline(firstRequestTimeout, connector.getScheduler()));
                }
            }
        }
    }
}
