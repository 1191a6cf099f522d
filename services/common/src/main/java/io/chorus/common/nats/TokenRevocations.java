package io.chorus.common.nats;

import io.dropwizard.lifecycle.Managed;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every listener, within moments, that a bot token was revoked: a watch of the {@code integrations} bucket's
 * {@code token.*} keys, whose deletes are revocations (decision 0216). Each service forgets what it remembered of the
 * token; the notification service also closes the sockets it opened.
 */
public final class TokenRevocations implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRevocations.class);

    private final IntegrationsBucket bucket;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private NatsKeyValueWatchSubscription watch;
    private ScheduledExecutorService retries;

    public TokenRevocations(IntegrationsBucket bucket) {
        this.bucket = bucket;
    }

    /** {@code listener} is called with the id of each token revoked from now on. */
    public TokenRevocations onRevoked(Consumer<String> listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Starts the watch, or keeps trying every second in the background: a service may start before the service that
     * creates the bucket has, and meanwhile {@code BotTokenVerifier.RECHECK} still bounds what it trusts.
     */
    @Override
    public void start() {
        if (!tryWatch()) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "token-revocations-watch");
                thread.setDaemon(true);
                return thread;
            });
            retries.scheduleWithFixedDelay(
                    () -> {
                        if (tryWatch()) {
                            retries.shutdown();
                        }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
        }
    }

    private synchronized boolean tryWatch() {
        if (watch != null) {
            return true;
        }
        try {
            KeyValue kv = bucket.bucket();
            watch = kv.watch(IntegrationsBucket.TOKEN_PREFIX + "*", new Watcher(), KeyValueWatchOption.UPDATES_ONLY);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.warn("cannot watch bot token revocations yet: {}", e.toString());
            return false;
        }
    }

    @Override
    public synchronized void stop() throws Exception {
        if (retries != null) {
            retries.shutdownNow();
        }
        if (watch != null) {
            watch.unsubscribe();
        }
    }

    private final class Watcher implements KeyValueWatcher {
        @Override
        public void watch(KeyValueEntry entry) {
            if (entry.getOperation() == KeyValueOperation.PUT) {
                return;
            }
            String tokenId = entry.getKey().substring(IntegrationsBucket.TOKEN_PREFIX.length());
            for (Consumer<String> listener : listeners) {
                try {
                    listener.accept(tokenId);
                } catch (RuntimeException e) {
                    LOG.warn("a listener of token revocations failed for {}", tokenId, e);
                }
            }
        }

        @Override
        public void endOfData() {}
    }
}
