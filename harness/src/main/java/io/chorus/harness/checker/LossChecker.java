package io.chorus.harness.checker;

import io.chorus.harness.checker.StoreListing.StoredMessage;
import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * No 202-acknowledged message is lost: each is in the store (exactly once, by message id and by client message
 * id within its channel; a send left unanswered counts as stored twice too if its client message id is under two
 * message ids), and reached every member that was online throughout, that is whose connection was ready before the send
 * was made and stayed open until after the last send, receipt or phase of the run.
 */
public final class LossChecker implements Checker<LossChecker.Result> {
    public static final String NAME = "loss";
    private final Roster roster;
    private final StoreListing store;

    public LossChecker(Roster roster, StoreListing store) {
        this.roster = roster;
        this.store = store;
    }

    public record Missing(String receiver, String channel, String messageId) {}

    public record Result(
            long acked,
            long lost,
            long storedTwice,
            long deliveriesExpected,
            long deliveriesMissing,
            List<String> lostExamples,
            List<String> storedTwiceExamples,
            List<Missing> missingExamples)
            implements CheckResult {
        /** Violated by each message lost, each send stored twice and each owed delivery missing. */
        @Override
        public Optional<Invariant> invariant() {
            List<String> counterexamples = new ArrayList<>();
            lostExamples.forEach(id -> counterexamples.add("lost " + id));
            storedTwiceExamples.forEach(id -> counterexamples.add("stored twice " + id));
            missingExamples.forEach(m -> counterexamples.add("not delivered " + m));
            return Optional.of(new Invariant(NAME, lost + storedTwice + deliveriesMissing, counterexamples));
        }

        @Override
        public List<Measurement> measurements() {
            return List.of(
                    Measurement.of("messages.acked", acked),
                    Measurement.of("messages.lost", lost),
                    Measurement.of("messages.stored_twice", storedTwice),
                    Measurement.of("deliveries.expected", deliveriesExpected),
                    Measurement.of("deliveries.missing", deliveriesMissing));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Sends sends = new Sends(history);
        List<String> lostExamples = Examples.list();
        List<String> twiceExamples = Examples.list();
        Map<String, Integer> byMessage = new HashMap<>();
        Map<String, Set<String>> idsBySend = new HashMap<>();
        for (StoredMessage m : store.messages()) {
            byMessage.merge(m.messageId(), 1, Integer::sum);
            if (m.clientMsgId() != null) {
                idsBySend
                        .computeIfAbsent(sendKey(m.channel(), m.clientMsgId()), k -> new HashSet<>())
                        .add(m.messageId());
            }
        }
        long lost = 0;
        long twice = 0;
        Set<String> ackedSends = new HashSet<>();
        for (Sends.Acked a : sends.acked.values()) {
            ackedSends.add(a.invoke().clientMsgId());
            int copies = byMessage.getOrDefault(a.ok().messageId(), 0);
            int ids = idsBySend.getOrDefault(sendKey(a.invoke()), Set.of()).size();
            if (copies == 0) {
                lost++;
                Examples.add(lostExamples, a.ok().messageId());
            } else if (copies > 1 || ids > 1) {
                twice++;
                Examples.add(twiceExamples, a.ok().messageId());
            }
        }
        // a send the client never saw answered (timeout, 503) may still be stored: twice is a duplicate all the same
        for (SendInvoke invoke : sends.invokes.values()) {
            Set<String> ids = idsBySend.getOrDefault(sendKey(invoke), Set.of());
            if (!ackedSends.contains(invoke.clientMsgId()) && ids.size() > 1) {
                twice++;
                Examples.add(twiceExamples, invoke.clientMsgId() + " as " + ids);
            }
        }
        Deliveries deliveries = deliveries(history, sends);
        return new Result(
                sends.acked.size(),
                lost,
                twice,
                deliveries.expected,
                deliveries.missingCount,
                lostExamples,
                twiceExamples,
                deliveries.missing);
    }

    /** A client message id is the sender's key within a channel (the command deduplicates on channel:user:id). */
    private static String sendKey(String channel, String clientMsgId) {
        return channel + "\n" + clientMsgId;
    }

    private static String sendKey(SendInvoke invoke) {
        return sendKey(invoke.channel(), invoke.clientMsgId());
    }

    private record Deliveries(long expected, long missingCount, List<Missing> missing) {}

    private Deliveries deliveries(History history, Sends sends) {
        Map<String, List<long[]>> sessionsByUser = sessions(history);
        Map<String, Integer> messageIndex = new HashMap<>();
        List<Sends.Acked> messages = new ArrayList<>(sends.acked.values());
        for (int i = 0; i < messages.size(); i++) {
            messageIndex.put(messages.get(i).ok().messageId(), i);
        }
        List<String> users = new ArrayList<>(sessionsByUser.keySet());
        Map<String, Integer> userIndex = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            userIndex.put(users.get(i), i);
        }
        BitSet[] received = new BitSet[messages.size()];
        history.of(Receipt.class).forEach(r -> {
            Integer m = messageIndex.get(r.messageId());
            Integer u = userIndex.get(r.receiver());
            if (m != null && u != null) {
                (received[m] == null ? received[m] = new BitSet() : received[m]).set(u);
            }
        });
        Map<String, List<Integer>> onlineMembers = new HashMap<>();
        for (String user : users) {
            for (String channel : roster.channelsOf(user)) {
                onlineMembers.computeIfAbsent(channel, c -> new ArrayList<>()).add(userIndex.get(user));
            }
        }
        long expected = 0;
        long missingCount = 0;
        List<Missing> missing = Examples.list();
        for (int m = 0; m < messages.size(); m++) {
            Sends.Acked a = messages.get(m);
            for (int u : onlineMembers.getOrDefault(a.invoke().channel(), List.of())) {
                if (!onlineThroughout(
                        sessionsByUser.get(users.get(u)), a.invoke().time())) {
                    continue;
                }
                expected++;
                if (received[m] == null || !received[m].get(u)) {
                    missingCount++;
                    Examples.add(missing, new Missing(users.get(u), a.invoke().channel(), a.ok().messageId()));
                }
            }
        }
        return new Deliveries(expected, missingCount, missing);
    }

    private static boolean onlineThroughout(List<long[]> sessions, long sentAt) {
        for (long[] s : sessions) {
            if (s[0] <= sentAt && s[1] == Long.MAX_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each user's sessions as [open, close]; a close after the run's last activity (the fleet closing sockets at
     * the end) counts as never closed.
     */
    private static Map<String, List<long[]>> sessions(History history) {
        long lastActivity = history.lastActivity();
        Map<String, long[]> byConnection = new HashMap<>();
        Map<String, List<long[]>> byUser = new HashMap<>();
        for (Op op : history.ops()) {
            if (op instanceof SessionOpen open) {
                long[] window = {open.time(), Long.MAX_VALUE};
                byConnection.put(open.connection(), window);
                byUser.computeIfAbsent(open.user(), u -> new ArrayList<>()).add(window);
            } else if (op instanceof SessionClose close) {
                long[] window = byConnection.get(close.connection());
                if (window != null && close.time() <= lastActivity) {
                    window[1] = close.time();
                }
            }
        }
        return byUser;
    }
}
