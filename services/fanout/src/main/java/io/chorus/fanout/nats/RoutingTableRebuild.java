package io.chorus.fanout.nats;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;

/**
 * The fan-out's start-up before routing: interest listening starts, the routing table is rebuilt from the live
 * instances, typing forwarding starts. The application registers it before the {@link EventRouter}, so routing
 * begins only once the table is rebuilt: a restarted fan-out does not route its backlog to an empty table.
 */
public class RoutingTableRebuild implements Managed {
    private final InterestListener listener;
    private final InstanceWatch watch;
    private final TypingForwarder typing;
    private final Duration timeout;

    /** @param timeout how long the rebuild waits for the live instances to re-announce */
    public RoutingTableRebuild(
            InterestListener listener, InstanceWatch watch, TypingForwarder typing, Duration timeout) {
        this.listener = listener;
        this.watch = watch;
        this.typing = typing;
        this.timeout = timeout;
    }

    @Override
    public void start() throws Exception {
        listener.start();
        watch.rebuild(timeout);
        typing.start();
    }
}
