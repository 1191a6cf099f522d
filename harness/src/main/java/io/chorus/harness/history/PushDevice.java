package io.chorus.harness.history;

/**
 * The workload registered a device for {@code user}: {@code token} on {@code provider} ({@code apns} or {@code fcm}),
 * listed by the query service at {@code time}. A notification the fakes accept names the device by its token.
 */
public record PushDevice(String user, String provider, String token, long time) implements Op {}
