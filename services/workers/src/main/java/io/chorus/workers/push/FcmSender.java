package io.chorus.workers.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.workers.push.core.Notification;
import io.chorus.workers.push.core.ProviderPayloads;
import io.chorus.workers.push.core.ProviderResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A thin FCM HTTP v1 client: {@code POST {baseUrl}/v1/projects/{project}/messages:send} with a bearer access token.
 * The answer's {@code errorCode} ({@code UNREGISTERED}, {@code QUOTA_EXCEEDED}, ...) is the reason reported, and a
 * {@code Retry-After} in seconds is passed on.
 */
public final class FcmSender implements PushSender {
    private final HttpClient http;
    private final ObjectMapper json;
    private final URI sendUrl;
    private final FcmAccessTokens tokens;

    FcmSender(HttpClient http, ObjectMapper json, URI sendUrl, FcmAccessTokens tokens) {
        this.http = http;
        this.json = json;
        this.sendUrl = sendUrl;
        this.tokens = tokens;
    }

    public static FcmSender connect(PushSettings.Fcm settings, ObjectMapper json) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (settings.getTrustedCertificateFile() != null) {
            builder.sslContext(TrustedCertificates.sslContext(settings.getTrustedCertificateFile()));
        }
        HttpClient http = builder.build();
        JsonNode account =
                json.readTree(java.nio.file.Files.readString(java.nio.file.Path.of(settings.getServiceAccountFile())));
        FcmAccessTokens tokens = new FcmAccessTokens(
                http,
                json,
                URI.create(settings.getTokenUrl()),
                account.path("client_email").asText(),
                FcmAccessTokens.privateKey(account.path("private_key").asText()),
                java.time.Clock.systemUTC());
        return new FcmSender(http, json, sendUrl(settings.getBaseUrl(), settings.getProjectId()), tokens);
    }

    public static URI sendUrl(String baseUrl, String projectId) {
        return URI.create(baseUrl.replaceAll("/+$", "") + "/v1/projects/" + projectId + "/messages:send");
    }

    @Override
    public CompletableFuture<ProviderResult> send(Notification n) {
        String accessToken;
        try {
            accessToken = tokens.current();
        } catch (Exception e) {
            return CompletableFuture.completedFuture(ProviderResult.noAnswer("no access token: " + e));
        }
        HttpRequest request = HttpRequest.newBuilder(sendUrl)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + accessToken)
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(ProviderPayloads.fcm(json, n)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) ->
                        error != null ? ProviderResult.noAnswer(error.toString()) : result(response));
    }

    private ProviderResult result(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return ProviderResult.accepted();
        }
        if (status == 401) {
            tokens.invalidate();
        }
        Duration retryAfter = response.headers()
                .firstValue("Retry-After")
                .flatMap(FcmSender::seconds)
                .orElse(null);
        return new ProviderResult(status, errorCode(response.body()), retryAfter);
    }

    /** The FCM error code of an error body, else its status name. */
    private String errorCode(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            for (JsonNode detail : error.path("details")) {
                if (detail.hasNonNull("errorCode")) {
                    return detail.get("errorCode").asText();
                }
            }
            return error.path("status").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
