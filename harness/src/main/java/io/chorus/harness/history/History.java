package io.chorus.harness.history;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A run's history, read back in append order: the only input of the checkers besides the store listing. */
public record History(List<Op> ops) {
    public static final String FILE = "history.ndjson";

    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public History {
        ops = List.copyOf(ops);
    }

    public static History read(Path file) {
        List<Op> ops = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    ops.add(parse(file, number, line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new History(ops);
    }

    private static Op parse(Path file, int number, String line) {
        try {
            return JSON.readValue(line, Op.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ":" + number + ": not a history record: " + e.getMessage(), e);
        }
    }

    public <T extends Op> Stream<T> of(Class<T> type) {
        return ops.stream().filter(type::isInstance).map(type::cast);
    }

    /** The first and last time of any operation (window ends included), or [0, 0] when empty. */
    public long[] span() {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Op op : ops) {
            first = Math.min(first, op.time());
            last = Math.max(last, end(op));
        }
        return ops.isEmpty() ? new long[] {0, 0} : new long[] {first, last};
    }

    /**
     * When the run's workload last did anything: the latest send, answer, receipt, or end of a phase or fault
     * window. Sessions, history reads and samples do not count: the fleet closes its sockets after the load, and samples such as
     * the JetStream baseline or consumer lag are taken after that, so a checker that took them for activity would
     * see every socket close "during" the run and owe no delivery at all. Nor do the push fakes' records: a
     * notification held by a provider outage may arrive after the load. Nor do the reads that verify unread counts
     * and reactions after the load.
     * {@link Long#MIN_VALUE} when there was no activity.
     */
    public long lastActivity() {
        long last = Long.MIN_VALUE;
        for (Op op : ops) {
            if (op instanceof SessionOpen
                    || op instanceof SessionClose
                    || op instanceof SessionResync
                    || op instanceof HistoryRead
                    || op instanceof Sample
                    || op instanceof PushDevice
                    || op instanceof PushReceived
                    || op instanceof UnreadSeen
                    || op instanceof ReactionsSeen) {
                continue;
            }
            last = Math.max(last, end(op));
        }
        return last;
    }

    /** When an operation ended: a window's end, any other operation's own time. */
    private static long end(Op op) {
        return op instanceof PhaseWindow w ? w.end() : op instanceof FaultWindow f ? f.end() : op.time();
    }
}
