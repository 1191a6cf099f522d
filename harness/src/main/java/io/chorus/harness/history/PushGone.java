package io.chorus.harness.history;

/**
 * A fake provider ({@code apns} or {@code fcm}) answered at {@code time} that the device {@code token} is no longer
 * valid (410 Unregistered, 404 UNREGISTERED) for the notification of {@code messageId}: the push pool removes the
 * device, so from that message on it is owed nothing.
 */
public record PushGone(String provider, String token, String messageId, long time) implements Op {}
