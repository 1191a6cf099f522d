package io.chorus.harness.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chorus.harness.history.RunClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * One webhook endpoint of the fleet: a real HTTP server on loopback (a third-party receiver, so the harness's own)
 * that verifies every request's signature with the endpoint's secret through the official Standard Webhooks
 * library, records it, and answers as its {@link ReceiverMode} says. {@link ReceiverMode.Down} closes the listening
 * socket; the next mode opens it again on the same port, so the registered URL stays right.
 */
public final class LoopbackReceiver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REBIND_FOR = Duration.ofSeconds(10);

    private final String name;
    private final Executor handlers;
    private final RunClock clock;
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    private volatile ReceiverMode mode = ReceiverMode.HEALTHY;
    private volatile Webhook verifier;
    private HttpServer server;
    private int port;

    LoopbackReceiver(String name, Executor handlers, RunClock clock) {
        this.name = name;
        this.handlers = handlers;
        this.clock = clock;
        listen();
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** The secret the registration was answered with: every request is verified with it from now on. */
    public void trust(String secret) {
        verifier = new Webhook(secret);
    }

    public ReceiverMode mode() {
        return mode;
    }

    /** Answers as {@code next} says from now on; {@link ReceiverMode.Down} stops listening until another mode. */
    public synchronized void answer(ReceiverMode next) {
        if (next instanceof ReceiverMode.Down) {
            stopListening();
        } else if (server == null) {
            listen();
        }
        mode = next;
    }

    /** Every request so far, in the order they arrived. */
    public synchronized List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized void stop() {
        stopListening();
    }

    private synchronized void listen() {
        Instant deadline = Instant.now().plus(REBIND_FOR);
        while (true) {
            try {
                HttpServer created =
                        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
                created.setExecutor(handlers);
                created.createContext("/hook", this::handle);
                created.start();
                server = created;
                port = created.getAddress().getPort();
                return;
            } catch (BindException e) {
                // the port of a receiver that was down can stay taken for a moment after its sockets closed
                if (Instant.now().isAfter(deadline)) {
                    throw new UncheckedIOException("cannot listen on port " + port + " again for " + name, e);
                }
                Thread.onSpinWait();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start webhook receiver " + name, e);
            }
        }
    }

    private void stopListening() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long received = clock.nowMicros();
        ReceiverMode answering = mode;
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((header, values) -> headers.put(header.toLowerCase(Locale.ROOT), values));
        boolean signatureOk = verified(body, headers);
        int status = status(answering);
        if (answering instanceof ReceiverMode.Slow slow) {
            pause(slow.delay());
        }
        if (answering instanceof ReceiverMode.Throttling throttling) {
            exchange.getResponseHeaders()
                    .add(
                            "Retry-After",
                            Long.toString(Math.max(0, throttling.retryAfter().toSeconds())));
        }
        // recorded before the answer goes out, so whoever has the answer finds the request recorded
        WebhookDelivery delivery = delivery(headers, body, received, signatureOk, status);
        record(delivery);
        try {
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // the dispatcher gave up waiting (a slow answer past its timeout): it never saw this status
            unanswered(delivery);
        } finally {
            exchange.close();
        }
    }

    private synchronized void record(WebhookDelivery delivery) {
        deliveries.add(delivery);
    }

    private synchronized void unanswered(WebhookDelivery delivery) {
        int at = deliveries.lastIndexOf(delivery);
        if (at >= 0) {
            WebhookDelivery d = deliveries.get(at);
            deliveries.set(
                    at,
                    new WebhookDelivery(
                            d.endpoint(),
                            d.webhookId(),
                            d.type(),
                            d.channelId(),
                            d.clientMsgId(),
                            d.eventAtMicros(),
                            d.receivedAtMicros(),
                            d.signatureOk(),
                            0));
        }
    }

    private WebhookDelivery delivery(
            Map<String, List<String>> headers, byte[] body, long received, boolean signatureOk, int status) {
        JsonNode event = parse(body);
        JsonNode data = event.path("data");
        return new WebhookDelivery(
                name,
                first(headers, "webhook-id"),
                event.path("type").asText(null),
                data.path("channelId").asText(null),
                data.path("clientMsgId").asText(null),
                micros(event.path("timestamp").asText(null)),
                received,
                signatureOk,
                status);
    }

    private boolean verified(byte[] body, Map<String, List<String>> headers) {
        Webhook webhook = verifier;
        if (webhook == null) {
            return false;
        }
        try {
            webhook.verify(new String(body, java.nio.charset.StandardCharsets.UTF_8), headers);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static int status(ReceiverMode mode) {
        if (mode instanceof ReceiverMode.Failing failing) {
            return failing.status();
        }
        if (mode instanceof ReceiverMode.Throttling) {
            return 429;
        }
        if (mode instanceof ReceiverMode.Gone) {
            return 410;
        }
        return 204;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static long micros(String timestamp) {
        if (timestamp == null) {
            return 0;
        }
        try {
            Instant at = Instant.parse(timestamp);
            return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        } catch (java.time.format.DateTimeParseException e) {
            return 0;
        }
    }
}
