package io.chorus.notification.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outbound queues of this instance's open sockets, for the operators' queue depth: frames waiting in all of
 * them, and in the deepest one (a client that stopped reading shows there before it overflows and is closed).
 */
public final class OpenQueues {
    private final Set<OutboundQueue> queues = ConcurrentHashMap.newKeySet();

    public void opened(OutboundQueue queue) {
        queues.add(queue);
    }

    public void closed(OutboundQueue queue) {
        queues.remove(queue);
    }

    public long waiting() {
        return queues.stream().mapToLong(OutboundQueue::waiting).sum();
    }

    public int deepest() {
        return queues.stream().mapToInt(OutboundQueue::waiting).max().orElse(0);
    }
}
