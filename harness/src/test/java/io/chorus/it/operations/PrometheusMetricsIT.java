package io.chorus.it.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ApiException;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.NewChannel;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every service's admin port answers a Prometheus scrape at {@code /metrics} with the JVM's figures and the
 * operators' ones under their {@code chorus_} names, and keeps answering Dropwizard's JSON to everyone else.
 */
@ExtendWith(LocalStackExtension.class)
class PrometheusMetricsIT {
    private static final String SCRAPER_ACCEPT =
            "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyServiceAnswersAScrapeWithJvmAndOperatorFigures(StackDescription stack) throws Exception {
        for (StackDescription.Endpoint service : stack.services().all()) {
            HttpResponse<String> scrape = get(service.admin() + "/metrics", "text/plain;version=0.0.4");

            assertThat(scrape.statusCode()).as(service.name()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type").orElse(""))
                    .as(service.name())
                    .startsWith("text/plain");
            assertThat(scrape.body())
                    .as(service.name())
                    .contains("jvm_memory_bytes_used{area=\"heap\",}", "process_cpu_seconds_total")
                    .doesNotContain("jvm_memory_heap_used");
        }
        String fanout = get(stack.services().fanout().get(0).admin() + "/metrics", SCRAPER_ACCEPT)
                .body();
        assertThat(fanout).contains("chorus_fanout_publishes", "chorus_consumer_lag{consumer=");
        String notification = get(stack.services().notification().get(0).admin() + "/prometheus", null)
                .body();
        assertThat(notification).contains("chorus_sessions ", "chorus_outbound_queue_frames ");
        String writer = get(stack.services().workers().get("message-writer").admin() + "/metrics", SCRAPER_ACCEPT)
                .body();
        assertThat(writer).contains("chorus_dead_letters{consumer=");
    }

    @Test
    void sendsAcceptedAndRefusedAndTheirPubAckTimeAreCounted(StackDescription stack) throws Exception {
        ChorusClient api = ChorusClient.of(stack).withRateLimitWait(RateLimitWait.NONE);
        StackFixture store = new StackFixture(stack);
        String alice = StackFixture.id("alice");
        String channel = StackFixture.id("metrics");
        api.createChannel(store.token(alice), NewChannel.named(channel, "private", List.of()));
        store.awaitChannel(channel, alice, 1);
        String admin = stack.services().command().admin() + "/metrics";
        double acceptedBefore = sample(get(admin, SCRAPER_ACCEPT).body(), "chorus_sends_accepted_total");
        double refusedBefore = refused(get(admin, SCRAPER_ACCEPT).body());

        api.sendMessage(store.token(alice), channel, "m1", "counted");
        try {
            api.sendMessage(store.token(StackFixture.id("outsider")), channel, "m2", "refused");
        } catch (ApiException outsider) {
            assertThat(outsider.status()).isBetween(400, 499);
        }

        String after = Poll.until(
                Duration.ofSeconds(10),
                () -> get(admin, SCRAPER_ACCEPT).body(),
                text -> sample(text, "chorus_sends_accepted_total") >= acceptedBefore + 1
                        && refused(text) >= refusedBefore + 1);
        assertThat(sample(after, "chorus_puback_seconds_count")).isGreaterThanOrEqualTo(1);
        JsonNode json = StackFixture.JSON.readTree(get(admin, null).body());
        assertThat(json.path("meters").path("sends.accepted").path("count").asLong())
                .isGreaterThanOrEqualTo(1);
    }

    /** Sends refused, whatever their status. */
    private static double refused(String text) {
        return text.lines()
                .filter(line -> line.startsWith("chorus_sends_refused_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The value of one sample line ({@code name{labels} value}); 0 when the line is not there yet. */
    private static double sample(String text, String nameAndLabels) {
        return text.lines()
                .filter(line -> line.startsWith(nameAndLabels + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(nameAndLabels.length() + 1)))
                .findFirst()
                .orElse(0);
    }

    private static HttpResponse<String> get(String url, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
