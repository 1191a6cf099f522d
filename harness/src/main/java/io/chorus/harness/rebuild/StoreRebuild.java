package io.chorus.harness.rebuild;

import io.chorus.harness.stack.StackDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rebuilds one read store of a running stack from the event log, {@code MESSAGES} or {@code META} (decisions 0135,
 * 0140): calls the rebuild task on the
 * admin port of the worker that writes that store and hands on each progress line as it arrives.
 */
public final class StoreRebuild {
    private static final Pattern FINAL =
            Pattern.compile("rebuilt (\\S+): (\\d+) events \\((\\d+) skipped\\) in ([0-9.]+) s, (\\d+) events/s");

    /** A store a rebuild can restore, and the worker (by its name in the stack) that writes it. */
    public enum Store {
        ELASTICSEARCH("search-indexer"),
        CASSANDRA("message-writer"),
        /** The metadata documents (users, channels, memberships), from {@code META} (decision 0140). */
        MONGO("meta-writer"),
        /** The {@code permissions} bucket, from {@code META}. */
        PERMISSIONS("meta-writer");

        private final String worker;

        Store(String worker) {
            this.worker = worker;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Store> of(String text) {
            for (Store store : values()) {
                if (store.id().equals(text)) {
                    return Optional.of(store);
                }
            }
            return Optional.empty();
        }
    }

    /** The final line of a finished rebuild. */
    public record Result(String store, long events, long skipped, double seconds, long eventsPerSecond) {
        static Optional<Result> parse(String line) {
            Matcher m = FINAL.matcher(line.trim());
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Result(
                    m.group(1),
                    Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)),
                    Double.parseDouble(m.group(4)),
                    Long.parseLong(m.group(5))));
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Runs the rebuild; every line the worker prints goes to {@code lines}. Answers the result, or empty when the
     * worker did not finish it (its last line then says why).
     */
    public Optional<Result> run(StackDescription stack, Store store, Consumer<String> lines) {
        StackDescription.Endpoint worker = stack.services().workers().get(store.worker);
        if (worker == null || worker.admin() == null) {
            throw new IllegalStateException("the stack has no " + store.worker + " worker to rebuild " + store.id());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(worker.admin() + "/tasks/rebuild?store=" + store.id()))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            String last = "";
            try (Stream<String> body = response.body()) {
                for (Iterator<String> it = body.iterator(); it.hasNext(); ) {
                    last = it.next();
                    lines.accept(last);
                }
            }
            if (response.statusCode() != 200) {
                lines.accept("POST " + request.uri() + " answered " + response.statusCode());
                return Optional.empty();
            }
            return Result.parse(last);
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding " + store.id(), e);
        }
    }
}
