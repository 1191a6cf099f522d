package io.chorus.it.write;

import io.chorus.common.nats.PermissionsBucket;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.util.List;

/**
 * Reads the {@code permissions} KV as the command service does. One NATS connection for the whole test run (the
 * stack is shared too), opened on first use; the JVM's exit closes it.
 */
final class KvReader {
    private static Connection shared;
    private static List<String> sharedUrls;

    private final List<String> urls;

    KvReader(StackDescription stack) {
        this.urls = stack.nats().urls();
    }

    /** The entry's value, or null when the key holds none. */
    byte[] get(String key) {
        try {
            var entry = bucket().get(key);
            return entry == null ? null : entry.getValue();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + key + " from the permissions KV: " + e.getMessage(), e);
        }
    }

    private KeyValue bucket() throws Exception {
        return connection().keyValue(PermissionsBucket.NAME);
    }

    private Connection connection() throws Exception {
        synchronized (KvReader.class) {
            if (shared == null || !urls.equals(sharedUrls) || shared.getStatus() == Connection.Status.CLOSED) {
                shared = Nats.connect(new Options.Builder()
                        .servers(urls.toArray(String[]::new))
                        .build());
                sharedUrls = urls;
            }
            return shared;
        }
    }
}
