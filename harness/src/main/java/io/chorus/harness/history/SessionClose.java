package io.chorus.harness.history;

/** A WebSocket closed, on purpose at the end of the run or not ({@code reason}). */
public record SessionClose(String user, String connection, String reason, long time) implements Op {}
