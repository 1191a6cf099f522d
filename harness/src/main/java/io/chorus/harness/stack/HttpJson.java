package io.chorus.harness.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The harness's caller of the stack's operational HTTP endpoints (admin metrics, NATS monitoring, Elasticsearch's
 * own API): one shared
 * client, bodies read as JSON. A transport failure is an {@link UncheckedIOException} naming the URL. The public
 * REST API has its own typed client, {@code io.chorus.harness.client.ChorusClient}.
 */
public final class HttpJson {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    public HttpJson(Duration timeout) {
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.timeout = timeout;
    }

    /** An answer: the status and the body parsed as JSON ({@code MissingNode} when empty or not JSON). */
    public record Answer(int status, String body, JsonNode json) {
        public boolean ok() {
            return status / 100 == 2;
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }

    public Answer get(String url, String bearer) {
        return send(request(url, bearer).GET().build());
    }

    /** A JSON body posted to an engine's own API (an Elasticsearch search or refresh, for example). */
    public Answer postJson(String url, String json) {
        return send(request(url, null)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        return bearer == null ? b : b.header("Authorization", "Bearer " + bearer);
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.missingNode();
        }
    }
}
