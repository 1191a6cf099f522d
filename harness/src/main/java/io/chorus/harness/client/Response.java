package io.chorus.harness.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One answer of the REST API as it came: the status, the headers (names in lower case, values joined with
 * {@code ,}), the body, and the body parsed as JSON ({@code null} when empty or not JSON).
 */
public record Response(int status, Map<String, String> headers, String body, JsonNode json) {

    public boolean ok() {
        return status / 100 == 2;
    }

    /** A header's value, by its name in any case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The error code of the JSON error shape ({@code {"error": {"code", "message"}}}), or null. */
    public String code() {
        return json == null ? null : json.path("error").path("code").asText(null);
    }

    public String contentType() {
        return headers.getOrDefault("content-type", "");
    }

    /** The one error shape: a JSON body {@code {"error": {"code": "...", "message": "..."}}} with a non-empty code. */
    public boolean isJsonError() {
        return contentType().startsWith("application/json")
                && json != null
                && json.path("error").path("code").isTextual()
                && !json.path("error").path("code").asText().isEmpty()
                && json.path("error").path("message").isTextual();
    }

    /** The wait a {@code Retry-After} in seconds asks for; empty when absent or not a number of seconds. */
    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException httpDate) {
                return Optional.empty();
            }
        });
    }

    /** This answer as the typed error the client throws for it. */
    public ApiException error() {
        String message =
                json == null ? body : json.path("error").path("message").asText(body);
        return new ApiException(status, code(), message, retryAfter(), this);
    }

    @Override
    public String toString() {
        return status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
    }
}
