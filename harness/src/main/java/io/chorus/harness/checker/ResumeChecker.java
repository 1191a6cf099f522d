package io.chorus.harness.checker;

import io.chorus.harness.history.History;
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
import java.util.Set;

/**
 * Resume leaves no gap: a member whose socket dropped during the run (a killed notification instance, a cut link)
 * and who had a socket ready again before the run's last activity is owed every acknowledged message of its
 * channels sent from its first ready socket to the end, as if it had never dropped: the resume replay (or the
 * history catch-up after {@code resync_required}) must fill the gap. The loss checker owes such a member nothing
 * (it was not online throughout); this checker is where its messages are counted.
 *
 * <p>Two limits (decision 0056): a member whose last socket dropped and never came back before the run's last
 * activity is owed nothing sent after that drop (the recovery checker counts it as not back); and a
 * {@code session-resync} (the server answered the resume with {@code resync_required}) moves the start of what the
 * member is owed live to the resync: what it missed before is in history, where the loss checker checks it is
 * stored. Resyncs are counted ({@code resume.resyncs}) so a scenario can bound them.
 */
public final class ResumeChecker implements Checker<ResumeChecker.Result> {
    private final Roster roster;

    public ResumeChecker(Roster roster) {
        this.roster = roster;
    }

    public record Result(long resumedMembers, long owed, long gaps, long resyncs, List<LossChecker.Missing> examples)
            implements CheckResult {
        @Override
        public boolean valid() {
            return gaps == 0;
        }

        @Override
        public Map<String, Double> metrics() {
            return resumedMembers == 0 ? Map.of() : Map.of("resume.gaps", (double) gaps,
                    "resume.members", (double) resumedMembers, "resume.resyncs", (double) resyncs);
        }
    }

    @Override
    public String name() {
        return "resume";
    }

    @Override
    public Result check(History history) {
        long lastActivity = history.lastActivity();
        Map<String, Long> firstOpen = new HashMap<>();
        Map<String, Long> lastOpen = new HashMap<>();
        Map<String, Long> firstClose = new HashMap<>();
        Map<String, Long> lastClose = new HashMap<>();
        Map<String, Long> resyncedAt = new HashMap<>();
        Map<String, String> userOf = new HashMap<>();
        for (Op op : history.ops()) {
            if (op instanceof SessionOpen o) {
                userOf.put(o.connection(), o.user());
                firstOpen.merge(o.user(), o.time(), Math::min);
                lastOpen.merge(o.user(), o.time(), Math::max);
            } else if (op instanceof SessionResync r) {
                resyncedAt.merge(r.user(), r.time(), Math::max);
            }
        }
        for (SessionClose c : history.of(SessionClose.class).toList()) {
            if (c.time() <= lastActivity) {
                firstClose.merge(userOf.getOrDefault(c.connection(), c.user()), c.time(), Math::min);
                lastClose.merge(userOf.getOrDefault(c.connection(), c.user()), c.time(), Math::max);
            }
        }
        Set<String> resumed = new HashSet<>();
        firstClose.forEach((user, closed) -> {
            if (lastOpen.getOrDefault(user, Long.MIN_VALUE) >= closed) {
                resumed.add(user);
            }
        });
        Map<String, Set<String>> received = new HashMap<>();
        history.of(Receipt.class).filter(r -> resumed.contains(r.receiver()))
                .forEach(r -> received.computeIfAbsent(r.receiver(), k -> new HashSet<>()).add(r.messageId()));
        Sends sends = new Sends(history);
        long owed = 0;
        long gaps = 0;
        List<LossChecker.Missing> examples = Examples.list();
        for (String user : resumed) {
            Set<String> channels = roster.channelsOf(user);
            long from = Math.max(firstOpen.get(user), resyncedAt.getOrDefault(user, Long.MIN_VALUE));
            long droppedAt = lastClose.get(user);
            long until = droppedAt > lastOpen.get(user) ? droppedAt : Long.MAX_VALUE; // gone for good at the end
            for (Sends.Acked a : sends.acked.values()) {
                long sent = a.invoke().time();
                if (!channels.contains(a.invoke().channel()) || sent < from || sent >= until) {
                    continue;
                }
                owed++;
                if (!received.getOrDefault(user, Set.of()).contains(a.ok().messageId())) {
                    gaps++;
                    Examples.add(examples, new LossChecker.Missing(user, a.invoke().channel(), a.ok().messageId()));
                }
            }
        }
        long resyncs = history.of(SessionResync.class).count();
        return new Result(resumed.size(), owed, gaps, resyncs, new ArrayList<>(examples));
    }
}
