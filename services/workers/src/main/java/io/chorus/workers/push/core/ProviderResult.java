package io.chorus.workers.push.core;

import java.time.Duration;

/**
 * What a provider answered to one notification, as both senders report it: the status, the provider's reason
 * ({@code BadDeviceToken}, {@code UNREGISTERED}, ...) and its {@code Retry-After}. A send that got no answer
 * (connection refused, timeout) is status 0.
 */
public record ProviderResult(int status, String reason, Duration retryAfter) {
    public static ProviderResult accepted() {
        return new ProviderResult(200, null, null);
    }

    public static ProviderResult noAnswer(String why) {
        return new ProviderResult(0, why, null);
    }
}
