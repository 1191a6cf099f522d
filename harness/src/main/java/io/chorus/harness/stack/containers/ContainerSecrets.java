package io.chorus.harness.stack.containers;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets of one containers stack, made afresh for each (nothing to configure, nothing shipped): the variables
 * {@code compose/.env} holds for the compose stack, under the same names, so the compose configurations read them.
 */
public record ContainerSecrets(Map<String, String> values) {
    public static final String HMAC_SECRET = "CHORUS_HMAC_SECRET";
    public static final String NATS_PASSWORD = "CHORUS_NATS_PASSWORD";
    public static final String MONGO_PASSWORD = "CHORUS_MONGO_PASSWORD";
    public static final String CASSANDRA_PASSWORD = "CHORUS_CASSANDRA_PASSWORD";
    public static final String ELASTICSEARCH_PASSWORD = "CHORUS_ELASTICSEARCH_PASSWORD";
    public static final String ELASTIC_PASSWORD = "ELASTIC_PASSWORD";

    public ContainerSecrets {
        values = Map.copyOf(values);
    }

    /** Fresh random secrets; every password starts with a letter (NATS reads one starting with a digit as a number). */
    public static ContainerSecrets random() {
        SecureRandom random = new SecureRandom();
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : new String[] {
            HMAC_SECRET, "CHORUS_MESSAGE_AUTHOR_KEY", "CHORUS_SEARCH_CURSOR_KEY", "CHORUS_PAGE_CURSOR_KEY"
        }) {
            values.put(key, hex(random, 32));
        }
        for (String password : new String[] {
            NATS_PASSWORD, MONGO_PASSWORD, CASSANDRA_PASSWORD, ELASTICSEARCH_PASSWORD, ELASTIC_PASSWORD
        }) {
            values.put(password, "chorus-" + hex(random, 24));
        }
        return new ContainerSecrets(values);
    }

    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no secret " + name);
        }
        return value;
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
