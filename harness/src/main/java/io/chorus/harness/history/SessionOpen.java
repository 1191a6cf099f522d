package io.chorus.harness.history;

/** A WebSocket became ready ({@code {"op":"ready"}}) for {@code user} on {@code instance}. */
public record SessionOpen(String user, String connection, String instance, long time) implements Op {
}
