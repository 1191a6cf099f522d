package io.chorus.workers.webhook.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** What one attempt's answer means, by the Standard Webhooks rules on status codes. */
public sealed interface DeliveryOutcome {
    /** A 2xx: the only success. */
    record Delivered(int status) implements DeliveryOutcome {}

    /** A 410: the receiver wants no more; the endpoint is disabled. */
    record Gone() implements DeliveryOutcome {}

    /** A 429 or 503 with a {@code Retry-After}: the next attempt waits that long. */
    record Throttled(int status, Duration retryAfter) implements DeliveryOutcome {}

    /** Anything else: another status (3xx included: redirects are not followed), a timeout, a refused connection. */
    record Failed(String reason) implements DeliveryOutcome {}

    static DeliveryOutcome ofStatus(int status, Optional<String> retryAfter, Instant now) {
        if (status >= 200 && status <= 299) {
            return new Delivered(status);
        }
        if (status == 410) {
            return new Gone();
        }
        if (status == 429 || status == 503) {
            Optional<Duration> wait = retryAfter.flatMap(value -> parseRetryAfter(value, now));
            if (wait.isPresent()) {
                return new Throttled(status, wait.get());
            }
        }
        return new Failed("HTTP " + status);
    }

    /** Delay-seconds or an HTTP-date (RFC 9110); a date in the past is no wait; anything else is ignored. */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String trimmed = value.trim();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
