package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryRead;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.history.SessionResync;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resume leaves no gap: a member whose socket dropped during the run (a killed notification instance, a cut link)
 * and who had a socket ready again before the run's last activity is owed every acknowledged message of its
 * channels sent from its first ready socket to the end, as if it had never dropped: the resume replay, or after
 * {@code resync_required} the member's read of the channels' history ({@code history-read}), must fill the gap. A
 * message counts as had when it was received live or returned by one of the member's history reads. The loss
 * checker owes such a member nothing (it was not online throughout); this checker is where its messages are counted.
 *
 * <p>Limits (decisions 0056, 0130): a member whose last socket dropped and never came back before the run's last
 * activity is owed nothing sent after that drop as an invariant (nothing could deliver it); it is measured instead:
 * {@code resume.gone_members}, what they were owed from their first ready to the end ({@code resume.gone_owed}) and
 * how much of it they never had ({@code resume.gone_missing}), for a scenario that requires clients to come back to
 * bound. A member who resynced but has no history read at all (a history written by a driver that does not read)
 * is owed live delivery only from the resync on. Resyncs are counted ({@code resume.resyncs}) so a scenario can
 * bound them.
 */
public final class ResumeChecker implements Checker<ResumeChecker.Result> {
    public static final String NAME = "resume";
    private final Roster roster;

    public ResumeChecker(Roster roster) {
        this.roster = roster;
    }

    public record Result(
            long resumedMembers,
            long owed,
            long gaps,
            long resyncs,
            long fromHistory,
            long goneMembers,
            long goneOwed,
            long goneMissing,
            List<LossChecker.Missing> examples)
            implements CheckResult {
        /** Violated by each owed message a resumed member never had; the gone members are measured, not judged. */
        @Override
        public Optional<Invariant> invariant() {
            return Optional.of(new Invariant(
                    NAME, gaps, examples.stream().map(m -> "gap " + m).toList()));
        }

        @Override
        public List<Measurement> measurements() {
            List<Measurement> m = new ArrayList<>();
            if (resumedMembers > 0) {
                m.add(Measurement.of("resume.gaps", gaps));
                m.add(Measurement.of("resume.members", resumedMembers));
                m.add(Measurement.of("resume.resyncs", resyncs));
                m.add(Measurement.of("resume.from_history", fromHistory));
            }
            if (goneMembers > 0) {
                m.add(Measurement.of("resume.gone_members", goneMembers));
                m.add(Measurement.of("resume.gone_owed", goneOwed));
                m.add(Measurement.of("resume.gone_missing", goneMissing));
            }
            return m;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Each user's sessions, resyncs and what it had (live or from history), read from the history once. */
    private static final class Members {
        final Map<String, Long> firstOpen = new HashMap<>();
        final Map<String, Long> lastOpen = new HashMap<>();
        final Map<String, Long> firstClose = new HashMap<>();
        final Map<String, Long> lastClose = new HashMap<>();
        final Map<String, Long> resyncedAt = new HashMap<>();
        final Map<String, Set<String>> received = new HashMap<>();
        final Map<String, Set<String>> read = new HashMap<>();

        Members(History history) {
            long lastActivity = history.lastActivity();
            Map<String, String> userOf = new HashMap<>();
            for (Op op : history.ops()) {
                if (op instanceof SessionOpen o) {
                    userOf.put(o.connection(), o.user());
                    firstOpen.merge(o.user(), o.time(), Math::min);
                    lastOpen.merge(o.user(), o.time(), Math::max);
                } else if (op instanceof SessionResync r) {
                    resyncedAt.merge(r.user(), r.time(), Math::max);
                } else if (op instanceof HistoryRead r) {
                    read.computeIfAbsent(r.user(), k -> new HashSet<>()).addAll(r.messageIds());
                }
            }
            for (SessionClose c : history.of(SessionClose.class).toList()) {
                if (c.time() <= lastActivity) {
                    String user = userOf.getOrDefault(c.connection(), c.user());
                    firstClose.merge(user, c.time(), Math::min);
                    lastClose.merge(user, c.time(), Math::max);
                }
            }
            // only the judged members' receipts are kept: a large run's receipts would not fit otherwise
            history.of(Receipt.class)
                    .filter(r -> judged(r.receiver()))
                    .forEach(r -> received.computeIfAbsent(r.receiver(), k -> new HashSet<>())
                            .add(r.messageId()));
        }

        /** Whom this checker judges: members that dropped during the run, back or gone. */
        boolean judged(String user) {
            return resumed(user) || gone(user);
        }

        /** Dropped during the run and ready again after the first drop. */
        boolean resumed(String user) {
            return firstClose.containsKey(user) && lastOpen.getOrDefault(user, Long.MIN_VALUE) >= firstClose.get(user);
        }

        /** The last socket dropped during the run and none was ready after it. */
        boolean gone(String user) {
            return lastClose.containsKey(user) && lastClose.get(user) > lastOpen.getOrDefault(user, Long.MIN_VALUE);
        }

        /** Where what the member is owed starts: its first ready, or the resync when it never read history. */
        long owedFrom(String user) {
            long first = firstOpen.getOrDefault(user, Long.MAX_VALUE);
            return read.containsKey(user) ? first : Math.max(first, resyncedAt.getOrDefault(user, Long.MIN_VALUE));
        }

        boolean receivedLive(String user, String messageId) {
            return received.getOrDefault(user, Set.of()).contains(messageId);
        }

        boolean readFromHistory(String user, String messageId) {
            return read.getOrDefault(user, Set.of()).contains(messageId);
        }
    }

    @Override
    public Result check(History history) {
        Members members = new Members(history);
        Sends sends = new Sends(history);
        long owed = 0;
        long gaps = 0;
        long fromHistory = 0;
        long goneMembers = 0;
        long goneOwed = 0;
        long goneMissing = 0;
        long resumedMembers = 0;
        List<LossChecker.Missing> examples = Examples.list();
        for (String user : members.firstOpen.keySet()) {
            if (!members.judged(user)) {
                continue;
            }
            Set<String> channels = roster.channelsOf(user);
            boolean resumed = members.resumed(user);
            boolean gone = members.gone(user);
            resumedMembers += resumed ? 1 : 0;
            goneMembers += gone ? 1 : 0;
            long from = members.owedFrom(user);
            long until = gone ? members.lastClose.get(user) : Long.MAX_VALUE;
            for (Sends.Acked a : sends.acked.values()) {
                long sent = a.invoke().time();
                if (!channels.contains(a.invoke().channel()) || sent < from) {
                    continue;
                }
                String id = a.ok().messageId();
                boolean live = members.receivedLive(user, id);
                boolean had = live || members.readFromHistory(user, id);
                if (gone) {
                    goneOwed++;
                    goneMissing += had ? 0 : 1;
                }
                if (!resumed || sent >= until) {
                    continue;
                }
                owed++;
                fromHistory += live || !had ? 0 : 1;
                if (!had) {
                    gaps++;
                    Examples.add(
                            examples, new LossChecker.Missing(user, a.invoke().channel(), id));
                }
            }
        }
        long resyncs = history.of(SessionResync.class).count();
        return new Result(
                resumedMembers,
                owed,
                gaps,
                resyncs,
                fromHistory,
                goneMembers,
                goneOwed,
                goneMissing,
                new ArrayList<>(examples));
    }
}
