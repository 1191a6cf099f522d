package io.chorus.it.webhook;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback (a third-party endpoint, so a local fake): records every request, verifies its
 * signature with the official Standard Webhooks library once the secret is known, and answers what its
 * {@link Behaviour} says for the n-th attempt of a {@code webhook-id}.
 */
final class WebhookReceiver implements AutoCloseable {
    /** The status (and Retry-After, or null) for the {@code attempt}-th request carrying one webhook-id. */
    interface Behaviour {
        Answer answer(int attempt);
    }

    record Answer(int status, String retryAfter) {}

    /** One request as received. */
    record Delivery(String webhookId, String body, Instant at, boolean verified, int status) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile Webhook verifier;

    WebhookReceiver(Behaviour behaviour) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/hook", exchange -> {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            String body = new String(bytes, StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            String id = headers.getOrDefault("webhook-id", List.of("")).get(0);
            Answer answer = behaviour.answer(
                    attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
            record(new Delivery(id, body, Instant.now(), verified(body, headers), answer.status()));
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
        });
        server.start();
    }

    static Behaviour always(int status) {
        return attempt -> new Answer(status, null);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The secret answered when the webhook was registered: every request is verified with it from now on. */
    void trust(String secret) {
        verifier = new Webhook(secret);
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The deliveries answered 2xx, in the order they arrived. */
    synchronized List<Delivery> accepted() {
        return deliveries.stream().filter(d -> d.status() / 100 == 2).toList();
    }

    private synchronized void record(Delivery delivery) {
        deliveries.add(delivery);
    }

    private boolean verified(String body, Map<String, List<String>> headers) {
        Webhook webhook = verifier;
        if (webhook == null) {
            return false;
        }
        try {
            webhook.verify(body, headers);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
