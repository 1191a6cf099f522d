package io.chorus.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.checker.RecoveryChecker;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.Sample;
import io.chorus.harness.stack.HttpJson;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples every durable JetStream consumer's lag into the history while a run goes on, for the recovery figure
 * {@code recovery.lag_drain} ({@link io.chorus.harness.checker.LagDrain}): once a second, NATS monitoring
 * {@code /jsz?consumers=true} on every node, and for each consumer the reading of the node that leads it (a
 * follower's copy of the consumer state trails the leader), as {@code consumer.pending} = num_pending +
 * num_ack_pending with source {@code STREAM/consumer}. A node that is down (a fault) answers nothing; a consumer
 * whose leader is being elected has no reading that second. Ephemeral consumers (a notification instance's replay)
 * come and go and are left out.
 */
public final class ConsumerLagProbe implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(1);
    private final HttpJson http = new HttpJson(Duration.ofMillis(800));
    private final List<String> monitors;
    private final HistoryWriter history;
    private final RunClock clock;
    private final Map<String, String> serverNames = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "consumer-lag-probe");
        t.setDaemon(true);
        return t;
    });

    private ConsumerLagProbe(StackDescription stack, HistoryWriter history, RunClock clock) {
        this.monitors = stack.nats().monitor();
        this.history = history;
        this.clock = clock;
    }

    public static ConsumerLagProbe start(StackDescription stack, HistoryWriter history, RunClock clock) {
        ConsumerLagProbe probe = new ConsumerLagProbe(stack, history, clock);
        probe.timer.scheduleWithFixedDelay(probe::sweep, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return probe;
    }

    /**
     * The durable consumers' pending plus ack-pending counts, read once now (a consumer whose leader did not answer is
     * absent): what the mix's verification waits on to be all zero before it reads what the writers stored.
     */
    public static Map<String, Double> pendingNow(StackDescription stack) {
        return new ConsumerLagProbe(stack, null, null).pending();
    }

    private void sweep() {
        long now = clock.nowMicros();
        pending()
                .forEach((source, value) -> history.append(new Sample(RecoveryChecker.LAG_METRIC, source, value, now)));
    }

    private Map<String, Double> pending() {
        Map<String, Double> pending = new LinkedHashMap<>();
        for (String monitor : monitors) {
            try {
                String self = serverName(monitor);
                HttpJson.Answer jsz = http.get(monitor + "/jsz?accounts=true&consumers=true&config=true", null);
                if (self != null && jsz.ok()) {
                    pending.putAll(ledBy(monitors.size() == 1 ? null : self, jsz.json()));
                }
            } catch (RuntimeException e) {
                // the node is down or slow (a fault): the consumers it leads have no reading this second
            }
        }
        return pending;
    }

    /** The node's server name (consumer leaders are named by it), asked once per node. */
    private String serverName(String monitor) {
        return serverNames.computeIfAbsent(monitor, m -> {
            HttpJson.Answer varz = http.get(m + "/varz", null);
            String name = varz.json().path("server_name").asText("");
            return varz.ok() && !name.isEmpty() ? name : null;
        });
    }

    /**
     * The durable consumers this node leads (every one when {@code server} is null: a single node, no cluster), by
     * {@code STREAM/consumer}: their pending plus ack-pending counts.
     */
    static Map<String, Double> ledBy(String server, JsonNode jsz) {
        Map<String, Double> pending = new LinkedHashMap<>();
        for (JsonNode account : jsz.path("account_details")) {
            for (JsonNode stream : account.path("stream_detail")) {
                for (JsonNode consumer : stream.path("consumer_detail")) {
                    boolean durable = !consumer.path("config")
                            .path("durable_name")
                            .asText("")
                            .isEmpty();
                    if (durable
                            && (server == null
                                    || server.equals(consumer.path("cluster")
                                            .path("leader")
                                            .asText()))) {
                        pending.put(
                                stream.path("name").asText() + "/"
                                        + consumer.path("name").asText(),
                                consumer.path("num_pending").asDouble()
                                        + consumer.path("num_ack_pending").asDouble());
                    }
                }
            }
        }
        return pending;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
