package io.chorus.common.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.api.ApiException;
import io.chorus.common.auth.StoredBotToken;
import io.chorus.common.events.Subjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code integrations} KV bucket (decision 0216): {@code hook.<hookId>} (an incoming webhook),
 * {@code bot.<botId>} (a bot account) and {@code token.<tokenId>} (a bot's API token), each a JSON document whose
 * secret is only a hash. The command service writes it; every service reads tokens from it and watches it for
 * revocations, which are deletes of {@code token.<tokenId>}.
 */
public final class IntegrationsBucket {
    public static final String NAME = Subjects.INTEGRATIONS_BUCKET;
    public static final String TOKEN_PREFIX = "token.";

    private final Supplier<Connection> connection;
    private final ObjectMapper json;
    private volatile KeyValue bucket;

    public IntegrationsBucket(Supplier<Connection> connection, ObjectMapper json) {
        this.connection = connection;
        this.json = json;
    }

    public static String hookKey(String hookId) {
        return "hook." + Subjects.requireToken(hookId);
    }

    public static String botKey(String botId) {
        return "bot." + Subjects.requireToken(botId);
    }

    public static String tokenKey(String tokenId) {
        return TOKEN_PREFIX + Subjects.requireToken(tokenId);
    }

    /** A stored bot token: empty when it was revoked or never existed. */
    public Optional<StoredBotToken> token(String tokenId) {
        return Subjects.isToken(tokenId) ? get(tokenKey(tokenId), StoredBotToken.class) : Optional.empty();
    }

    public <T> Optional<T> get(String key, Class<T> type) {
        try {
            KeyValueEntry entry = bucket().get(key);
            if (entry == null || entry.getValue() == null) {
                return Optional.empty();
            }
            return Optional.of(json.readValue(entry.getValue(), type));
        } catch (IOException | JetStreamApiException e) {
            throw unavailable(e);
        }
    }

    public void put(String key, Object value) {
        try {
            bucket().put(key, json.writeValueAsBytes(value));
        } catch (IOException | JetStreamApiException e) {
            throw unavailable(e);
        }
    }

    public void delete(String key) {
        try {
            bucket().delete(key);
        } catch (IOException | JetStreamApiException e) {
            throw unavailable(e);
        }
    }

    /** Every value under a key filter such as {@code hook.*}: a walk of the bucket's keys, for listings only. */
    public <T> List<T> values(String filter, Class<T> type) {
        List<T> values = new ArrayList<>();
        try {
            for (String key : bucket().keys(filter)) {
                get(key, type).ifPresent(values::add);
            }
        } catch (IOException | JetStreamApiException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
        return values;
    }

    /** The bucket, made once: jnats asks the server for the stream's info each time one is made. */
    public KeyValue bucket() throws IOException {
        KeyValue kv = bucket;
        if (kv == null) {
            kv = connection.get().keyValue(NAME);
            bucket = kv;
        }
        return kv;
    }

    private static ApiException unavailable(Exception cause) {
        return new ApiException(
                503,
                "unavailable",
                "the integrations store did not answer: " + cause.getMessage(),
                Duration.ofSeconds(1));
    }
}
