package io.chorus.workers.webhook;

import io.chorus.common.webhook.WebhookTargets;
import io.chorus.workers.webhook.core.DeliveryOutcome;
import io.chorus.workers.webhook.core.Registration;
import io.chorus.workers.webhook.core.WebhookEvent;
import io.chorus.workers.webhook.core.WebhookSignature;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One attempt over HTTP: a POST of the body with the Standard Webhooks headers, redirects not followed, answered
 * within {@code timeout}. The host's addresses are checked against {@link WebhookTargets} first (on {@code
 * resolver}, since a lookup blocks), so a name that resolves inside the deployment is refused, not connected to.
 */
final class HttpSender implements EndpointLane.Sender {
    private final HttpClient http;
    private final WebhookTargets targets;
    private final Duration timeout;
    private final Duration secretOverlap;
    private final Executor resolver;
    private final Clock clock;

    HttpSender(
            HttpClient http,
            WebhookTargets targets,
            Duration timeout,
            Duration secretOverlap,
            Executor resolver,
            Clock clock) {
        this.http = http;
        this.targets = targets;
        this.timeout = timeout;
        this.secretOverlap = secretOverlap;
        this.resolver = resolver;
        this.clock = clock;
    }

    static HttpClient client(Duration connectTimeout, Executor executor) {
        // HTTP/1.1: no h2c upgrade attempt on plain http, which some receivers answer badly
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .executor(executor)
                .build();
    }

    @Override
    public CompletableFuture<DeliveryOutcome> send(Registration registration, WebhookEvent event) {
        return CompletableFuture.supplyAsync(() -> refusal(registration.url()), resolver)
                .thenCompose(refused -> refused.isPresent()
                        ? CompletableFuture.completedFuture(new DeliveryOutcome.Failed(refused.get()))
                        : post(registration, event))
                .exceptionally(e -> new DeliveryOutcome.Failed(
                        e.getCause() == null ? e.toString() : e.getCause().toString()));
    }

    private CompletableFuture<DeliveryOutcome> post(Registration registration, WebhookEvent event) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(registration.url()))
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "Chorus-Webhooks/1")
                .header("webhook-id", event.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header(
                        "webhook-signature",
                        WebhookSignature.header(
                                registration.signingSecrets(clock.instant(), secretOverlap),
                                event.id(),
                                timestamp,
                                event.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(event.body()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> DeliveryOutcome.ofStatus(
                        response.statusCode(), response.headers().firstValue("retry-after"), clock.instant()));
    }

    private Optional<String> refusal(String url) {
        Optional<String> refused = targets.refusal(url);
        if (refused.isPresent()) {
            return refused;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(URI.create(url).getHost())) {
                Optional<String> inside = targets.addressRefusal(address);
                if (inside.isPresent()) {
                    return inside;
                }
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("cannot resolve the host: " + e);
        }
    }
}
