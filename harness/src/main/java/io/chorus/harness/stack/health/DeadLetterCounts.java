package io.chorus.harness.stack.health;

import io.chorus.common.events.Subjects;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How many messages each consumer has dead-lettered, read from the {@code DEADLETTER} stream itself (its subjects
 * are {@code dlq.<consumer>}, decision 0003): unlike a service's counter it survives restarts and counts every
 * instance of a pool. Read through the first NATS node that answers.
 */
public final class DeadLetterCounts {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private DeadLetterCounts() {}

    /** Dead letters per consumer (only consumers with some), or empty when no NATS node answered. */
    public static Optional<Map<String, Long>> read(List<String> natsUrls) {
        for (String url : natsUrls) {
            Options options = new Options.Builder()
                    .server(url)
                    .connectionTimeout(TIMEOUT)
                    .maxReconnects(0)
                    .noReconnect()
                    .build();
            try (Connection nats = Nats.connect(options)) {
                return Optional.of(byConsumer(nats.jetStreamManagement()
                        .getStreamInfo(
                                Subjects.DEAD_LETTER_STREAM,
                                StreamInfoOptions.filterSubjects(Subjects.DEAD_LETTER_PREFIX + ">"))
                        .getStreamState()
                        .getSubjects()));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
                // this node is down or its JetStream not ready: ask the next
            }
        }
        return Optional.empty();
    }

    static Map<String, Long> byConsumer(List<Subject> subjects) {
        Map<String, Long> counts = new TreeMap<>();
        if (subjects != null) {
            for (Subject subject : subjects) {
                counts.merge(
                        subject.getName().substring(Subjects.DEAD_LETTER_PREFIX.length()),
                        subject.getCount(),
                        Long::sum);
            }
        }
        return counts;
    }
}
