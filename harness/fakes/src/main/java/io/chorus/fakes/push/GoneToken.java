package io.chorus.fakes.push;

/**
 * A fake provider answered that the device token is no longer valid (APNs 410 Unregistered, FCM 404 UNREGISTERED)
 * for the notification of {@code messageId}: the sender removes the device, so later messages owe it nothing.
 */
public record GoneToken(String provider, String token, String messageId) {}
