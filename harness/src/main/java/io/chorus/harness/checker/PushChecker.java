package io.chorus.harness.checker;

import io.chorus.harness.history.Addressed;
import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.History;
import io.chorus.harness.history.PhaseWindow;
import io.chorus.harness.history.PushDevice;
import io.chorus.harness.history.PushGone;
import io.chorus.harness.history.PushReceived;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Push notifications as the fake providers saw them (decisions 0201, 0202, 0205). For every acknowledged send that
 * addresses users (a direct message, a mention), each addressed user who is not its author and had no live session
 * when it was sent is owed exactly one accepted notification naming the message on each of their devices. A second
 * one for the same message and device is a duplicate even though its collapse id (the channel) would make the
 * device replace the first rather than add to it: the provider counts two sends, and the worker promised one.
 * Collapse does not excuse a missing one either: a later notification of the channel replacing an earlier one on
 * the screen is how the provider shows them, but each message's own notification must have been accepted.
 * A notification naming a message for an online user, the author, or anyone not owed one is a violation too.
 * A device its provider answered "token no longer valid" for (410 / UNREGISTERED: the push pool removes it) is owed
 * nothing from the earliest message that drew that answer on; a message before it still owes it one.
 *
 * <p>Latency is from the send's intended time to the first accepted notification, measured only for sends intended
 * outside every fault window and its {@code settle} period after it (the backlog an outage leaves drains then), and
 * outside warm-up phases.
 * A history without devices has no push check.
 */
public final class PushChecker implements Checker<PushChecker.Result> {
    public static final String NAME = "push";

    /** Why a notification or its absence breaks the rule. */
    public enum Problem {
        LOST,
        DUPLICATED,
        TO_ONLINE_USER,
        TO_AUTHOR,
        NOT_OWED
    }

    public record Violation(Problem problem, String messageId, String user, String token) {}

    public record Result(
            long owed,
            long delivered,
            long lost,
            long duplicated,
            long toOnline,
            long toAuthor,
            long notOwed,
            long excused,
            LatencySummary latency,
            List<Violation> examples)
            implements CheckResult {

        /** No devices in the run: nothing to judge. */
        static final Result NONE = new Result(0, 0, 0, 0, 0, 0, 0, 0, LatencySummary.EMPTY, List.of());

        public Result {
            examples = List.copyOf(examples);
        }

        public long violations() {
            return lost + duplicated + toOnline + toAuthor + notOwed;
        }

        @Override
        public Optional<Invariant> invariant() {
            if (this == NONE) {
                return Optional.empty();
            }
            return Optional.of(new Invariant(
                    NAME,
                    violations(),
                    examples.stream().map(Violation::toString).toList()));
        }

        @Override
        public List<Measurement> measurements() {
            if (this == NONE) {
                return List.of();
            }
            List<Measurement> m = new ArrayList<>();
            m.add(Measurement.of("push.owed", owed));
            m.add(Measurement.of("push.lost", lost));
            m.add(Measurement.of("push.duplicated", duplicated));
            m.add(Measurement.of("push.to_online", toOnline));
            m.add(Measurement.of("push.to_author", toAuthor));
            m.addAll(latency.measurements("push.latency"));
            return m;
        }
    }

    private final Duration settle;
    private final Set<String> warmupPhases;

    /** @param settle how long after a fault window sends still leave the latency figures out */
    public PushChecker(Duration settle) {
        this(settle, Set.of());
    }

    /**
     * @param warmupPhases phases during whose windows sends leave the latency figures out, as every latency figure
     *                     does (the push pool's connections and JIT are cold too); they count for the invariant
     */
    public PushChecker(Duration settle, Set<String> warmupPhases) {
        this.settle = settle;
        this.warmupPhases = Set.copyOf(warmupPhases);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Map<String, Set<String>> devices = new HashMap<>();
        Map<String, String> owners = new HashMap<>();
        history.of(PushDevice.class).forEach(d -> {
            devices.computeIfAbsent(d.user(), u -> new HashSet<>()).add(d.token());
            owners.put(d.token(), d.user());
        });
        if (devices.isEmpty()) {
            return Result.NONE;
        }
        Map<String, SendInvoke> invokes = new HashMap<>();
        history.of(SendInvoke.class).forEach(i -> invokes.put(i.clientMsgId(), i));
        Map<String, List<String>> addressed = new HashMap<>();
        history.of(Addressed.class).forEach(a -> addressed.put(a.clientMsgId(), a.users()));
        Map<String, List<PushReceived>> pushes = new HashMap<>();
        history.of(PushReceived.class)
                .forEach(p -> pushes.computeIfAbsent(p.messageId(), k -> new ArrayList<>())
                        .add(p));
        Presence presence = new Presence(history);
        Map<String, Long> goneFrom = goneFrom(history, invokes);
        List<FaultWindow> faults = history.of(FaultWindow.class).toList();
        List<PhaseWindow> warmups = history.of(PhaseWindow.class)
                .filter(p -> warmupPhases.contains(p.phase()))
                .toList();

        Tally tally = new Tally();
        Histogram latency = LatencySummary.histogram();
        history.of(SendOk.class).forEach(ok -> {
            SendInvoke invoke = invokes.get(ok.clientMsgId());
            if (invoke == null) {
                return;
            }
            Map<String, String> owed = new HashMap<>(); // token -> user
            for (String user : addressed.getOrDefault(ok.clientMsgId(), List.of())) {
                if (!user.equals(invoke.sender()) && !presence.online(user, invoke.intended())) {
                    for (String t : devices.getOrDefault(user, Set.of())) {
                        if (invoke.intended() >= goneFrom.getOrDefault(t, Long.MAX_VALUE)) {
                            tally.excused++;
                        } else {
                            owed.put(t, user);
                        }
                    }
                }
            }
            List<PushReceived> received = pushes.getOrDefault(ok.messageId(), List.of());
            long first = judge(ok.messageId(), invoke, owed, received, owners, presence, tally);
            if (first > 0 && !inFault(invoke.intended(), faults) && !inWarmup(invoke.intended(), warmups)) {
                latency.recordValue(Math.max(0, first - invoke.intended()));
            }
        });
        return new Result(
                tally.owed,
                tally.delivered,
                tally.lost,
                tally.duplicated,
                tally.toOnline,
                tally.toAuthor,
                tally.notOwed,
                tally.excused,
                LatencySummary.of(latency),
                tally.examples);
    }

    /**
     * For each token a provider answered "no longer valid" for: the intended time of the earliest message that drew
     * that answer (the answer's own time when the message is not one of this history's sends).
     */
    private static Map<String, Long> goneFrom(History history, Map<String, SendInvoke> invokes) {
        Map<String, Long> intendedByMessage = new HashMap<>();
        history.of(SendOk.class).forEach(ok -> {
            SendInvoke invoke = invokes.get(ok.clientMsgId());
            if (invoke != null) {
                intendedByMessage.put(ok.messageId(), invoke.intended());
            }
        });
        Map<String, Long> from = new HashMap<>();
        history.of(PushGone.class)
                .forEach(
                        g -> from.merge(g.token(), intendedByMessage.getOrDefault(g.messageId(), g.time()), Math::min));
        return from;
    }

    /** Judges one message's notifications; returns the time of its first owed one (0: none). */
    private static long judge(
            String messageId,
            SendInvoke invoke,
            Map<String, String> owed,
            List<PushReceived> received,
            Map<String, String> owners,
            Presence presence,
            Tally tally) {
        Map<String, Integer> counts = new HashMap<>();
        long first = 0;
        for (PushReceived p : received) {
            int n = counts.merge(p.token(), 1, Integer::sum);
            String user = owners.getOrDefault(p.token(), "?");
            if (owed.containsKey(p.token())) {
                if (n == 1) {
                    tally.delivered++;
                    first = first == 0 ? p.time() : Math.min(first, p.time());
                } else {
                    tally.add(Problem.DUPLICATED, messageId, user, p.token());
                }
            } else if (user.equals(invoke.sender())) {
                tally.add(Problem.TO_AUTHOR, messageId, user, p.token());
            } else if (presence.online(user, invoke.intended())) {
                tally.add(Problem.TO_ONLINE_USER, messageId, user, p.token());
            } else {
                tally.add(Problem.NOT_OWED, messageId, user, p.token());
            }
        }
        owed.forEach((token, user) -> {
            tally.owed++;
            if (!counts.containsKey(token)) {
                tally.add(Problem.LOST, messageId, user, token);
            }
        });
        return first;
    }

    private static boolean inWarmup(long intended, List<PhaseWindow> warmups) {
        return warmups.stream().anyMatch(p -> intended >= p.time() && intended < p.end());
    }

    private boolean inFault(long intended, List<FaultWindow> faults) {
        long settleMicros = settle.toNanos() / 1_000;
        return faults.stream().anyMatch(f -> intended >= f.time() && intended <= f.end() + settleMicros);
    }

    private static final class Tally {
        long owed;
        long delivered;
        long lost;
        long duplicated;
        long toOnline;
        long toAuthor;
        long notOwed;
        long excused;
        final List<Violation> examples = Examples.list();

        void add(Problem problem, String messageId, String user, String token) {
            switch (problem) {
                case LOST -> lost++;
                case DUPLICATED -> duplicated++;
                case TO_ONLINE_USER -> toOnline++;
                case TO_AUTHOR -> toAuthor++;
                case NOT_OWED -> notOwed++;
            }
            Examples.add(examples, new Violation(problem, messageId, user, token));
        }
    }

    /** Who had a ready socket when: a user is online at t when one of their sessions opened before t and had not closed. */
    private static final class Presence {
        private final Map<String, List<long[]>> sessions = new HashMap<>();

        Presence(History history) {
            Map<String, long[]> open = new HashMap<>();
            history.of(SessionOpen.class).forEach(o -> {
                long[] span = {o.time(), Long.MAX_VALUE};
                open.put(o.connection(), span);
                sessions.computeIfAbsent(o.user(), u -> new ArrayList<>()).add(span);
            });
            history.of(SessionClose.class).forEach(c -> {
                long[] span = open.get(c.connection());
                if (span != null) {
                    span[1] = c.time();
                }
            });
        }

        boolean online(String user, long time) {
            return sessions.getOrDefault(user, List.of()).stream().anyMatch(s -> s[0] <= time && time < s[1]);
        }
    }
}
