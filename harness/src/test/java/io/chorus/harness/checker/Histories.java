package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates a clean history of a correct system (every acked message stored once and delivered once, in seq
 * order, to every online member), with the roster and store listing that go with it.
 */
record Histories(History history, Roster roster, StoreListing store) {
    static final long T0 = 1_700_000_000_000_000L;

    static Histories clean(long seed, int users, int channels, int messages) {
        Random random = new Random(seed);
        Map<String, Set<String>> channelsByUser = new HashMap<>();
        for (int u = 0; u < users; u++) {
            Set<String> mine = new HashSet<>();
            for (int c = 0; c < channels; c++) {
                if (random.nextInt(3) > 0) {
                    mine.add("c" + c);
                }
            }
            channelsByUser.put("u" + u, mine);
        }
        List<Op> ops = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            ops.add(new SessionOpen("u" + u, "conn-u" + u, "notification-" + (u % 2 + 1), T0));
        }
        List<StoreListing.StoredMessage> stored = new ArrayList<>();
        long seq = 0;
        long t = T0 + 1_000;
        for (int m = 0; m < messages; m++) {
            String channel = "c" + random.nextInt(channels);
            String sender = "u" + random.nextInt(users);
            long intended = t;
            t += 1 + random.nextInt(5_000);
            ops.add(new SendInvoke("k" + m, channel, sender, "steady", intended, intended + random.nextInt(100), 10));
            ops.add(new SendOk("k" + m, "m" + m, 202, t));
            seq += 1 + random.nextInt(3);
            stored.add(new StoreListing.StoredMessage(channel, "m" + m, "k" + m));
            for (int u = 0; u < users; u++) {
                if (channelsByUser.get("u" + u).contains(channel)) {
                    ops.add(new Receipt(
                            "u" + u,
                            "conn-u" + u,
                            "notification-1",
                            channel,
                            "m" + m,
                            seq,
                            t + 100 + random.nextInt(900)));
                }
            }
        }
        ops.add(new PhaseWindow("steady", 0, 100, T0, t));
        for (int u = 0; u < users; u++) {
            ops.add(new SessionClose("u" + u, "conn-u" + u, "end of run", t + 10_000));
        }
        return new Histories(new History(ops), new Roster(channelsByUser), new StoreListing(stored));
    }

    Histories with(List<Op> ops) {
        return new Histories(new History(ops), roster, store);
    }

    List<Integer> receiptIndexes() {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < history.ops().size(); i++) {
            if (history.ops().get(i) instanceof Receipt) {
                indexes.add(i);
            }
        }
        return indexes;
    }
}
