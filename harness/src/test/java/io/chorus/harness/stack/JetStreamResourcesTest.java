package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.common.nats.JetStreamLayout;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes deployment declares the backbone's streams and KV buckets as NATS JetStream controller resources
 * (compose/k8s/engines/nats-jetstream.yaml); the services bring any stream that differs to their own settings at
 * start-up, so the two must agree.
 */
class JetStreamResourcesTest {
    private static final Path RESOURCES =
            Path.of(System.getProperty("chorus.home", "..")).resolve("compose/k8s/engines/nats-jetstream.yaml");
    private static final JetStreamLayout CLUSTER = new JetStreamLayout(3);

    private static List<JsonNode> resources(String kind) throws Exception {
        try (var documents = new ObjectMapper(new YAMLFactory())
                .readerFor(JsonNode.class)
                .<JsonNode>readValues(RESOURCES.toFile())) {
            return documents.readAll().stream()
                    .filter(d -> d.path("kind").asText().equals(kind))
                    .map(d -> d.path("spec"))
                    .toList();
        }
    }

    @Test
    void everyStreamIsDeclaredWithTheServicesSettings() throws Exception {
        List<JsonNode> streams = resources("Stream");

        assertThat(streams).hasSameSizeAs(CLUSTER.streams());
        for (StreamConfiguration wanted : CLUSTER.streams()) {
            JsonNode declared = streams.stream()
                    .filter(s -> s.path("name").asText().equals(wanted.getName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Stream " + wanted.getName()));
            assertThat(declared.path("subjects").get(0).asText())
                    .isEqualTo(wanted.getSubjects().get(0));
            assertThat(declared.path("storage").asText()).isEqualTo(lower(wanted.getStorageType()));
            assertThat(declared.path("retention").asText()).isEqualTo(lower(wanted.getRetentionPolicy()));
            assertThat(declared.path("discard").asText()).isEqualTo(lower(wanted.getDiscardPolicy()));
            assertThat(duration(declared.path("maxAge").asText())).isEqualTo(wanted.getMaxAge());
            assertThat(duration(declared.path("duplicateWindow").asText())).isEqualTo(wanted.getDuplicateWindow());
            assertThat(declared.path("replicas").asInt()).isEqualTo(wanted.getReplicas());
        }
    }

    @Test
    void everyBucketIsDeclaredWithTheServicesSettings() throws Exception {
        List<JsonNode> buckets = resources("KeyValue");

        assertThat(buckets).hasSameSizeAs(CLUSTER.buckets());
        for (KeyValueConfiguration wanted : CLUSTER.buckets()) {
            JsonNode declared = buckets.stream()
                    .filter(b -> b.path("bucket").asText().equals(wanted.getBucketName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no KeyValue " + wanted.getBucketName()));
            assertThat(declared.path("history").asLong()).isEqualTo(wanted.getMaxHistoryPerKey());
            assertThat(declared.path("storage").asText()).isEqualTo(lower(wanted.getStorageType()));
            assertThat(declared.path("replicas").asInt()).isEqualTo(wanted.getReplicas());
            Duration ttl = declared.has("ttl") ? duration(declared.path("ttl").asText()) : Duration.ZERO;
            assertThat(ttl).isEqualTo(wanted.getTtl() == null ? Duration.ZERO : wanted.getTtl());
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** A Go duration as the controller reads it, of one unit: {@code 720h}, {@code 10m}, {@code 90s}. */
    private static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)([hms])").matcher(text);
        assertThat(m.matches()).as("a duration of one unit: %s", text).isTrue();
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
