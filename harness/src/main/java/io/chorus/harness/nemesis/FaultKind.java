package io.chorus.harness.nemesis;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a fault does. Process faults act on components (a service instance, a NATS or Cassandra node,
 * Elasticsearch, FerretDB); link faults act on Toxiproxy proxies of a named link ({@code command -> nats}); a store
 * fault acts on a read store ({@code elasticsearch}, {@code cassandra}) and its data.
 * Each kind names the parameters it takes: a parameter a kind does not know is a scenario error.
 */
public enum FaultKind {
    /** SIGKILL to the component's processes: a crash; it is started again when the fault heals. */
    KILL("kill", true, Set.of(), Set.of()),
    /** SIGTERM and a wait for exit: a graceful stop; it is started again when the fault heals. */
    STOP("stop", true, Set.of(), Set.of()),
    /** SIGSTOP: the process is frozen, its sockets stay open; SIGCONT when the fault heals. */
    PAUSE("pause", true, Set.of(), Set.of()),
    /** A graceful stop and an immediate start: the window is the time until it is healthy again (no duration). */
    RESTART("restart", true, Set.of(), Set.of()),
    /**
     * SIGKILL to NATS nodes whose store is on the unsynced-write filesystem, then every write they had not fsynced is
     * dropped, as a power loss drops a page cache (decision 0125); they are started again when the fault heals.
     */
    POWER_LOSS("power-loss", true, Set.of(), Set.of()),
    /** Toxiproxy {@code latency}: every chunk is held {@code latency} plus or minus {@code jitter}. */
    LATENCY("latency", false, Set.of("latency"), Set.of("jitter", "direction", "toxicity")),
    /** Toxiproxy {@code bandwidth}: at most {@code rate} KB/s. */
    BANDWIDTH("bandwidth", false, Set.of("rate"), Set.of("direction", "toxicity")),
    /** Toxiproxy {@code timeout}: data stops; the connection closes after {@code timeout} (0: held open). */
    TIMEOUT("timeout", false, Set.of(), Set.of("timeout", "direction", "toxicity")),
    /** Toxiproxy {@code reset_peer}: connections are reset (TCP RST) after {@code timeout}. */
    RESET_PEER("reset_peer", false, Set.of(), Set.of("timeout", "direction", "toxicity")),
    /** Toxiproxy {@code slow_close}: closing a connection is delayed by {@code delay}. */
    SLOW_CLOSE("slow_close", false, Set.of("delay"), Set.of("direction", "toxicity")),
    /** The link's proxies are disabled: open connections are cut and new ones refused. */
    DOWN("down", false, Set.of(), Set.of()),
    /**
     * The target read store's data is deleted (the search index, or the history tables), then rebuilt from the event
     * log by {@code harness rebuild} (decision 0135): the window lasts until the rebuild has finished (no duration).
     */
    WIPE_AND_REBUILD("wipe-and-rebuild", false, Set.of(), Set.of()),
    /** A fake push provider ({@code push-apns}, {@code push-fcm}) answers 503, FCM with {@code retryAfter}. */
    UNAVAILABLE("unavailable", false, Set.of(), Set.of("retryAfter")),
    /** A fake push provider answers 429 (a burst of throttling), FCM with {@code retryAfter}. */
    THROTTLE("throttle", false, Set.of(), Set.of("retryAfter")),
    /** The harness's webhook receiver answers 204 only after {@code delay}. */
    WEBHOOK_SLOW("webhook-slow", false, Set.of("delay"), Set.of()),
    /** The receiver answers {@code status} (500 unless given). */
    WEBHOOK_ERROR("webhook-error", false, Set.of(), Set.of("status")),
    /** The receiver answers 429 with {@code Retry-After} of {@code retryAfter} (1s unless given). */
    WEBHOOK_THROTTLE("webhook-throttle", false, Set.of(), Set.of("retryAfter")),
    /** The receiver answers 410 Gone, which pauses its registration. */
    WEBHOOK_GONE("webhook-gone", false, Set.of(), Set.of()),
    /** The receiver stops listening: connections are refused. */
    WEBHOOK_DOWN("webhook-down", false, Set.of(), Set.of());

    private final String yaml;
    private final boolean process;
    private final Set<String> required;
    private final Set<String> optional;

    FaultKind(String yaml, boolean process, Set<String> required, Set<String> optional) {
        this.yaml = yaml;
        this.process = process;
        this.required = required;
        this.optional = optional;
    }

    /** The name in scenario files and in the history. */
    public String yaml() {
        return yaml;
    }

    public boolean isProcessFault() {
        return process;
    }

    /** Whether the fault acts on a read store's data, named by its target. */
    public boolean isStoreFault() {
        return this == WIPE_AND_REBUILD;
    }

    /** Whether only a fake push provider answers it ({@code down} and {@code latency} also apply to links). */
    public boolean isProviderFault() {
        return this == UNAVAILABLE || this == THROTTLE;
    }

    /** Whether the fault acts on one of the harness's webhook receivers ({@code hook-3}), not on the stack. */
    public boolean isWebhookFault() {
        return yaml.startsWith("webhook-");
    }

    /** Whether the fault lasts a {@code duration} the scenario gives (every kind but restart and a store's rebuild). */
    public boolean hasDuration() {
        return this != RESTART && this != WIPE_AND_REBUILD;
    }

    public Set<String> requiredParameters() {
        return required;
    }

    public boolean knows(String parameter) {
        return required.contains(parameter) || optional.contains(parameter);
    }

    public List<String> parameters() {
        return java.util.stream.Stream.concat(required.stream(), optional.stream())
                .sorted()
                .toList();
    }

    public static Optional<FaultKind> of(String yaml) {
        return Arrays.stream(values()).filter(k -> k.yaml.equals(yaml)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(FaultKind::yaml).toList();
    }
}
