package io.chorus.harness.history;

/**
 * An event frame arrived on a WebSocket: {@code receiver}'s connection {@code connection} (on notification
 * instance {@code instance}) received message {@code messageId} of {@code channel} with stream sequence {@code seq}.
 */
public record Receipt(
        String receiver, String connection, String instance, String channel, String messageId, long seq, long time)
        implements Op {}
