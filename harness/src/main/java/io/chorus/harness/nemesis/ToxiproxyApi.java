package io.chorus.harness.nemesis;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Toxiproxy's HTTP API, the few calls the nemesis makes: add and remove a toxic, disable and enable a proxy.
 * Every call is checked; a refusal is an {@link IllegalStateException} with Toxiproxy's own answer.
 */
public final class ToxiproxyApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String api;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param api the API's base URL, {@code http://127.0.0.1:<port>} (stack.json {@code toxiproxy.api}) */
    public ToxiproxyApi(String api) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    }

    public void addToxic(String proxy, ToxicSpec toxic) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", toxic.name());
        body.put("type", toxic.type());
        body.put("stream", toxic.stream());
        body.put("toxicity", toxic.toxicity());
        body.put("attributes", toxic.attributes());
        call("POST", "/proxies/" + encode(proxy) + "/toxics", body, 200);
    }

    /** Removes a toxic; one that is already gone is fine (heal may run twice: teardown after heal). */
    public void removeToxic(String proxy, String toxic) {
        call("DELETE", "/proxies/" + encode(proxy) + "/toxics/" + encode(toxic), null, 204, 404);
    }

    /** Disabling a proxy closes its open connections and refuses new ones until it is enabled again. */
    public void setEnabled(String proxy, boolean enabled) {
        call("POST", "/proxies/" + encode(proxy), Map.of("enabled", enabled), 200);
    }

    /** Proxy names hold {@code ->}, which a URL path cannot carry as it is. */
    private static String encode(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void call(String method, String path, Object body, int... accepted) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .method(method, publisher)
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            for (int status : accepted) {
                if (response.statusCode() == status) {
                    return;
                }
            }
            throw new IllegalStateException(
                    "Toxiproxy refused " + method + " " + path + ": " + response.statusCode() + " " + response.body());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Toxiproxy at " + api + " did not answer " + method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Toxiproxy", e);
        }
    }
}
