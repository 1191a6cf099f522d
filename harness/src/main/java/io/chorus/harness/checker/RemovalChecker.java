package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.MembershipFrame;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A removed member stops receiving the channel (decision 0250), judged on the mix's leaves:
 * <ul>
 *   <li>after a {@code channel_removed} frame on a socket, no event of that channel arrives on it (until a
 *       {@code channel_added} of it);
 *   <li>every socket of the member that was ready when its leave was answered and stayed open for
 *       {@link #TOLD_WITHIN_MICROS} after is told, with a {@code channel_removed} of the channel;
 *   <li>a socket the member opened later than that gets no event of the channel, unless the member joined it again.
 * </ul>
 */
public final class RemovalChecker implements Checker<RemovalChecker.Result> {
    public static final String NAME = "removal";
    /** How long a leave may take to reach the member's sockets: the meta writer and the fan-out, under load. */
    static final long TOLD_WITHIN_MICROS = 30_000_000;

    public record Result(long leaves, long leaks, List<String> examples) implements CheckResult {
        @Override
        public Optional<Invariant> invariant() {
            return leaves == 0 ? Optional.empty() : Optional.of(new Invariant(NAME, leaks, examples));
        }

        @Override
        public List<Measurement> measurements() {
            return leaves == 0 ? List.of() : List.of(Measurement.of("removal.leaks", leaks));
        }
    }

    private record Socket(String user, long opened, long closed) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        List<String> examples = Examples.list();
        long leaks = afterRemovedFrames(history, examples);
        Map<String, Socket> sockets = sockets(history);
        Operations operations = new Operations(history);
        List<Operations.Done> leaves = operations.of("leave").stream()
                .filter(Operations.Done::succeeded)
                .toList();
        Set<String> left = new HashSet<>();
        leaves.forEach(l -> left.add(l.invoke().channel()));
        Map<String, List<Long>> receipts = new HashMap<>(); // connection + channel: receipt times, of left channels
        Map<String, List<Long>> removedFrames = new HashMap<>();
        for (Op op : history.ops()) {
            if (op instanceof Receipt r && left.contains(r.channel())) {
                receipts.computeIfAbsent(r.connection() + "\n" + r.channel(), k -> new ArrayList<>())
                        .add(r.time());
            } else if (op instanceof MembershipFrame f && !f.added()) {
                removedFrames
                        .computeIfAbsent(f.connection() + "\n" + f.channel(), k -> new ArrayList<>())
                        .add(f.time());
            }
        }
        for (Operations.Done leave : leaves) {
            String user = leave.invoke().user();
            String channel = leave.invoke().channel();
            long answered = leave.ok().time();
            long rejoined = operations.of("join").stream()
                    .filter(j -> channel.equals(j.invoke().channel())
                            && user.equals(j.invoke().target()))
                    .mapToLong(j -> j.invoke().time())
                    .filter(t -> t > leave.invoke().time())
                    .min()
                    .orElse(Long.MAX_VALUE);
            for (Map.Entry<String, Socket> e : sockets.entrySet()) {
                Socket s = e.getValue();
                if (!s.user().equals(user)) {
                    continue;
                }
                if (s.opened() <= answered
                        && s.closed() > answered + TOLD_WITHIN_MICROS
                        && rejoined > answered + TOLD_WITHIN_MICROS
                        && count(
                                        removedFrames,
                                        e.getKey(),
                                        channel,
                                        leave.invoke().time(),
                                        answered + TOLD_WITHIN_MICROS)
                                == 0) {
                    leaks++;
                    Examples.add(examples, e.getKey() + " never told it left " + channel);
                }
                if (s.opened() > answered + TOLD_WITHIN_MICROS && s.opened() < rejoined) {
                    long late = count(receipts, e.getKey(), channel, s.opened(), rejoined);
                    if (late > 0) {
                        leaks += late;
                        Examples.add(
                                examples,
                                e.getKey() + " opened after leaving " + channel + " got " + late + " of its events");
                    }
                }
            }
        }
        return new Result(leaves.size(), leaks, examples);
    }

    /** Events of a channel on a socket after its channel_removed there and before a channel_added of it. */
    private static long afterRemovedFrames(History history, List<String> examples) {
        Set<String> removed = new HashSet<>(); // connection + channel
        long leaks = 0;
        for (Op op : history.ops()) {
            if (op instanceof MembershipFrame f) {
                String key = f.connection() + "\n" + f.channel();
                if (f.added()) {
                    removed.remove(key);
                } else {
                    removed.add(key);
                }
            } else if (op instanceof Receipt r && removed.contains(r.connection() + "\n" + r.channel())) {
                leaks++;
                Examples.add(
                        examples,
                        r.connection() + " got " + r.messageId() + " of " + r.channel() + " after channel_removed");
            }
        }
        return leaks;
    }

    /** How many of the times recorded for a connection and channel fall in [from, until]. */
    private static long count(Map<String, List<Long>> times, String connection, String channel, long from, long until) {
        return times.getOrDefault(connection + "\n" + channel, List.of()).stream()
                .filter(t -> t >= from && t <= until)
                .count();
    }

    private static Map<String, Socket> sockets(History history) {
        Map<String, Socket> sockets = new HashMap<>();
        Map<String, Long> closes = new HashMap<>();
        history.of(SessionClose.class).forEach(c -> closes.put(c.connection(), c.time()));
        for (SessionOpen open : history.of(SessionOpen.class).toList()) {
            sockets.put(
                    open.connection(),
                    new Socket(open.user(), open.time(), closes.getOrDefault(open.connection(), Long.MAX_VALUE)));
        }
        return new java.util.LinkedHashMap<>(sockets);
    }
}
