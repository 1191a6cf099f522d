package io.chorus.harness.history;

/**
 * A WebSocket became ready ({@code {"op":"ready"}}) for {@code user} on {@code instance} at {@code time};
 * {@code requested} is when the client began to connect (its connect-to-ready time is the difference), or a
 * value of zero or less when the driver did not record it.
 */
public record SessionOpen(String user, String connection, String instance, long time, long requested) implements Op {
    /** A session whose connect start is unknown: it counts as open but not in the connect-to-ready figures. */
    public SessionOpen(String user, String connection, String instance, long time) {
        this(user, connection, instance, time, -1);
    }

    public boolean knowsRequestTime() {
        return requested > 0 && requested <= time;
    }
}
