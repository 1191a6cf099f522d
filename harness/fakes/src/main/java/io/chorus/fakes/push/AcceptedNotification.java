package io.chorus.fakes.push;

/**
 * A notification a fake provider accepted: the device token it was for, the message id and channel the payload
 * names, and the collapse id the sender gave ({@code apns-collapse-id}, FCM's {@code collapse_key}).
 */
public record AcceptedNotification(String provider, String token, String messageId, String collapseId) {}
