package io.chorus.harness.history;

/**
 * A fake provider ({@code apns} or {@code fcm}) accepted a notification for the device {@code token} at
 * {@code time}: the message it names ({@code messageId} of the payload) and its collapse id (the channel).
 */
public record PushReceived(String provider, String token, String messageId, String collapseId, long time)
        implements Op {}
