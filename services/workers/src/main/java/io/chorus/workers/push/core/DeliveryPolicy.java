package io.chorus.workers.push.core;

import java.time.Duration;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * What to do after a provider's answer (decision 0201), as APNs and FCM define their answers:
 *
 * <ul>
 *   <li>2xx: delivered.</li>
 *   <li>410, or a reason saying the token is no longer valid ({@code Unregistered}, {@code BadDeviceToken},
 *       FCM's {@code UNREGISTERED}), or FCM's 404: the device is gone, remove it.</li>
 *   <li>429, 5xx, or no answer: the provider is unwell; retry after the backoff (never before its
 *       {@code Retry-After}) until {@code maxAttempts}, then dead-letter.</li>
 *   <li>any other 4xx: this notification is refused as sent (a bad payload, a wrong topic); retrying cannot help,
 *       dead-letter it.</li>
 * </ul>
 */
public record DeliveryPolicy(Backoff backoff, int maxAttempts) {
    private static final Set<String> GONE_REASONS =
            Set.of("Unregistered", "BadDeviceToken", "DeviceTokenNotForTopic", "UNREGISTERED");

    public sealed interface Decision {}

    public record Delivered() implements Decision {}

    public record RemoveDevice(String reason) implements Decision {}

    public record Retry(Duration after) implements Decision {}

    public record DeadLetter(String reason) implements Decision {}

    /** Whether the answer says the provider is unwell (it counts against the breaker). */
    public static boolean providerFailure(ProviderResult result) {
        return result.status() == 0 || result.status() == 429 || result.status() >= 500;
    }

    /** @param attempt the attempt that got this answer, 0 for the first */
    public Decision decide(ProviderResult result, int attempt, DoubleSupplier random) {
        int status = result.status();
        if (status >= 200 && status < 300) {
            return new Delivered();
        }
        if (status == 410 || status == 404) {
            return new RemoveDevice(describe(result));
        }
        // a provider that is unwell says nothing about the token, whatever reason it gives
        if (providerFailure(result)) {
            if (attempt + 1 >= maxAttempts) {
                return new DeadLetter("gave up after " + maxAttempts + " attempts, last: " + describe(result));
            }
            return new Retry(backoff.delay(attempt, result.retryAfter(), random));
        }
        if (status >= 400 && status < 500 && result.reason() != null && GONE_REASONS.contains(result.reason())) {
            return new RemoveDevice(describe(result));
        }
        return new DeadLetter("refused: " + describe(result));
    }

    private static String describe(ProviderResult result) {
        return (result.status() == 0 ? "no answer" : Integer.toString(result.status()))
                + (result.reason() == null ? "" : " " + result.reason());
    }
}
