package io.chorus.common.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection of its connector that has not completed a request head ({@link Connection#getMessagesIn()},
 * counted by Jetty when a request's headers are complete) within {@code timeout} of opening. The idle timeout does
 * not catch such a connection when its client sends a byte now and then; this deadline does, whatever arrives.
 */
final class FirstRequestDeadline implements Connection.Listener {
    private final long timeoutMillis;
    private final Scheduler scheduler;
    private final Map<Connection, Scheduler.Task> pending = new ConcurrentHashMap<>();

    FirstRequestDeadline(Duration timeout, Scheduler scheduler) {
        this.timeoutMillis = timeout.toMillis();
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        pending.put(connection, scheduler.schedule(() -> expire(connection), timeoutMillis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void onClosed(Connection connection) {
        Scheduler.Task deadline = pending.remove(connection);
        if (deadline != null) {
            deadline.cancel();
        }
    }

    private void expire(Connection connection) {
        pending.remove(connection);
        if (connection.getMessagesIn() == 0) {
            connection.getEndPoint().close();
        }
    }
}
