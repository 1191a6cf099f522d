package io.chorus.harness.workload;

import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The online users: one WebSocket client per user, each on the notification instance its placement names.
 *
 * <p>Contract: {@link #connect} opens {@code /v1/ws} (authenticated as the user) for every user and returns once every socket has
 * answered {@code {"op":"ready"}} (appending a {@code SessionOpen} per socket), or throws naming the users that did
 * not become ready by the deadline; each {@code {"op":"event","seq":N,...}} frame is appended as a {@code Receipt}
 * with its receipt time, from the socket's own thread, in the order the socket delivered it (the order checker
 * relies on that), and counted in {@link LiveCounters}; a socket that closes unexpectedly appends a
 * {@code SessionClose} at once. {@link #drain} waits until no event frame has arrived for {@code quiet} (or
 * {@code max} passed), so late deliveries are not cut off. {@link #close} closes every socket, appending a
 * {@code SessionClose} each.
 *
 * <p>Implemented by {@link WebSocketFleet} (decision 0034).
 */
public interface OnlineFleet extends AutoCloseable {
    void connect(
            StackDescription stack,
            Map<String, Integer> placement,
            Seeder.Seeded users,
            HistoryWriter history,
            RunClock clock,
            LiveCounters live);

    void drain(Duration quiet, Duration max);

    /**
     * Drops one ready socket as a lost connection would (the fleet reconnects it with resume, as any drop), picked by
     * {@code pick}; the user whose socket it was, or empty when none was dropped. A fleet that cannot drop sockets
     * drops none.
     */
    default Optional<String> dropOne(long pick) {
        return Optional.empty();
    }

    @Override
    void close();
}
