package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionOpen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How long writing, reading and checking a history takes: {@code MESSAGES} sends to one channel with
 * {@code RECEIVERS} online members, so MESSAGES x RECEIVERS receipts. Not a test; run by hand:
 * {@code java -cp <test classpath> io.chorus.harness.checker.CheckerBenchmark 10000 200}.
 */
public final class CheckerBenchmark {
    public static void main(String[] args) throws Exception {
        int messages = Integer.parseInt(args[0]);
        int receivers = Integer.parseInt(args[1]);
        long t0 = 1_700_000_000_000_000L;
        Path file = Files.createTempFile("history", ".ndjson");
        long start = System.nanoTime();
        List<StoreListing.StoredMessage> stored = new ArrayList<>();
        Map<String, Set<String>> roster = new java.util.HashMap<>();
        try (HistoryWriter w = new HistoryWriter(file)) {
            for (int u = 0; u < receivers; u++) {
                w.append(new SessionOpen("u" + u, "c" + u, "n" + (u % 2), t0));
                roster.put("u" + u, Set.of("ch"));
            }
            for (int m = 0; m < messages; m++) {
                long t = t0 + 1000 + m * 1000L;
                w.append(new SendInvoke("k" + m, "ch", "u0", "p", t, t, 100));
                w.append(new SendOk("k" + m, "m" + m, 202, t + 3000));
                stored.add(new StoreListing.StoredMessage("ch", "m" + m, "k" + m));
                for (int u = 0; u < receivers; u++) {
                    w.append(new Receipt("u" + u, "c" + u, "n" + (u % 2), "ch", "m" + m, m + 1, t + 5000 + u));
                }
            }
            w.append(new PhaseWindow("p", 0, 1000, t0, t0 + 1000 + messages * 1000L));
        }
        long written = System.nanoTime();
        History history = History.read(file);
        long read = System.nanoTime();
        Analysis.Result result = new Analysis(new Roster(roster), new StoreListing(stored), List.of()).analyse(history);
        long checked = System.nanoTime();
        System.out.printf(
                "%d ops (%d receipts), %d MB: write %.1f s, read %.1f s, check %.1f s; passed=%s, "
                        + "deliveries expected %.0f%n",
                history.ops().size(),
                (long) messages * receivers,
                Files.size(file) >> 20,
                (written - start) / 1e9,
                (read - written) / 1e9,
                (checked - read) / 1e9,
                result.passed(),
                result.metrics().get("deliveries.expected"));
        Files.delete(file);
    }
}
