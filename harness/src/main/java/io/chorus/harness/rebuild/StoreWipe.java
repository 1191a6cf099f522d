package io.chorus.harness.rebuild;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.stack.HttpJson;
import io.chorus.harness.stack.StackDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Deletes what a read store holds, as its loss would: every daily message index of Elasticsearch, or the history
 * tables of Cassandra. Only a store {@link StoreRebuild} can restore from {@code MESSAGES} may be wiped here.
 */
public final class StoreWipe {
    private static final String KEYSPACE = "chorus";
    private static final List<String> HISTORY_TABLES = List.of("messages", "channel_days");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Wipes the store; answers what it deleted, for the run's output. */
    public String wipe(StackDescription stack, StoreRebuild.Store store) {
        return switch (store) {
            case ELASTICSEARCH -> deleteMessageIndices(stack.elasticsearch().url());
            case CASSANDRA -> truncateHistory(stack.cassandra().contactPoints().get(0));
            default -> throw new IllegalArgumentException("a wipe of " + store.id() + " is not supported");
        };
    }

    private String deleteMessageIndices(String elasticsearch) {
        JsonNode indices;
        try {
            indices = HttpJson.JSON.readTree(
                    send("GET", elasticsearch + "/_cat/indices/chorus-messages-*?h=index&format=json", 200));
        } catch (IOException e) {
            throw new UncheckedIOException("the index list of " + elasticsearch + ": " + e, e);
        }
        StringBuilder deleted = new StringBuilder();
        for (JsonNode index : indices) {
            String name = index.path("index").asText();
            send("DELETE", elasticsearch + "/" + name, 200);
            deleted.append(deleted.length() == 0 ? "" : ", ").append(name);
        }
        return "deleted the indices " + (deleted.length() == 0 ? "(none)" : deleted);
    }

    private static String truncateHistory(String contactPoint) {
        int colon = contactPoint.lastIndexOf(':');
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, TIMEOUT)
                .build();
        try (CqlSession session = CqlSession.builder()
                .withConfigLoader(config)
                .addContactPoint(new InetSocketAddress(
                        contactPoint.substring(0, colon), Integer.parseInt(contactPoint.substring(colon + 1))))
                .withLocalDatacenter("datacenter1")
                .build()) {
            for (String table : HISTORY_TABLES) {
                session.execute("TRUNCATE " + KEYSPACE + "." + table);
            }
        }
        return "truncated "
                + HISTORY_TABLES.stream().map(t -> KEYSPACE + "." + t).toList();
    }

    private String send(String method, String url, int expected) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(TIMEOUT)
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + url, e);
        }
    }
}
