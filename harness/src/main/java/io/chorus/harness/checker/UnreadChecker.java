package io.chorus.harness.checker;

import io.chorus.harness.history.History;
import io.chorus.harness.history.SendInfo;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.UnreadSeen;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Unread counts match the history (decision 0251): for each channel a user marked read and listed after the load
 * ({@code unread-seen}), the listed mark is the latest mark the user made there (UUIDv7 strings order as the ids),
 * and the counts are what the run's history gives: of the first 100 messages after the mark, those of other users
 * not deleted, with {@code countsCapped} when more than 100 follow. A channel where a send or a delete of the run
 * went unanswered has no exact count (that message may or may not exist): only its mark is judged.
 */
public final class UnreadChecker implements Checker<UnreadChecker.Result> {
    public static final String NAME = "unread";
    static final int WINDOW = 100;

    public record Result(long checked, long mismatched, List<String> examples) implements CheckResult {
        @Override
        public Optional<Invariant> invariant() {
            return checked == 0 ? Optional.empty() : Optional.of(new Invariant(NAME, mismatched, examples));
        }

        @Override
        public List<Measurement> measurements() {
            return checked == 0 ? List.of() : List.of(Measurement.of("unread.mismatched", mismatched));
        }
    }

    private record Message(String id, String author) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Operations operations = new Operations(history);
        Map<String, List<Message>> byChannel = new HashMap<>();
        Map<String, SendInvoke> invokes = new HashMap<>();
        history.of(SendInvoke.class).forEach(i -> invokes.put(i.clientMsgId(), i));
        Set<String> uncertain = new HashSet<>();
        history.of(SendOk.class).forEach(ok -> {
            SendInvoke i = invokes.get(ok.clientMsgId());
            if (i != null) {
                byChannel
                        .computeIfAbsent(i.channel(), c -> new ArrayList<>())
                        .add(new Message(ok.messageId(), i.sender()));
            }
        });
        history.of(SendInfo.class).forEach(info -> {
            SendInvoke i = invokes.get(info.clientMsgId());
            if (i != null) {
                uncertain.add(i.channel());
            }
        });
        Set<String> deleted = new HashSet<>();
        operations.of("delete").forEach(d -> {
            if (d.succeeded()) {
                deleted.add(d.invoke().target());
            } else if (d.maybeDone()) {
                uncertain.add(d.invoke().channel());
            }
        });
        Map<String, String> latestMark = new HashMap<>();
        Set<String> uncertainMarks = new HashSet<>();
        operations.of("read").forEach(d -> {
            String key = d.invoke().user() + "\n" + d.invoke().channel();
            if (d.succeeded()) {
                latestMark.merge(key, d.invoke().target(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            } else if (d.maybeDone()) {
                uncertainMarks.add(key + "\n" + d.invoke().target());
            }
        });
        long checked = 0;
        long mismatched = 0;
        List<String> examples = Examples.list();
        for (UnreadSeen seen : history.of(UnreadSeen.class).toList()) {
            String key = seen.user() + "\n" + seen.channel();
            String mark = latestMark.get(key);
            if (mark == null) {
                continue; // no mark answered ok: nothing to hold it to
            }
            checked++;
            String problem = markProblem(seen, mark, uncertainMarks.contains(key + "\n" + seen.lastReadMessageId()));
            if (problem == null && !uncertain.contains(seen.channel())) {
                problem = countProblem(seen, byChannel.getOrDefault(seen.channel(), List.of()), deleted);
            }
            if (problem != null) {
                mismatched++;
                Examples.add(examples, seen.user() + " in " + seen.channel() + ": " + problem);
            }
        }
        return new Result(checked, mismatched, examples);
    }

    private static String markProblem(UnreadSeen seen, String latest, boolean unansweredMark) {
        String listed = seen.lastReadMessageId();
        if (listed == null) {
            return "no mark listed, latest mark made " + latest;
        }
        if (latest.equals(listed) || (unansweredMark && listed.compareTo(latest) > 0)) {
            return null;
        }
        return "listed mark " + listed + ", latest mark made " + latest;
    }

    private static String countProblem(UnreadSeen seen, List<Message> messages, Set<String> deleted) {
        String mark = seen.lastReadMessageId();
        List<Message> after = messages.stream()
                .filter(m -> m.id().compareTo(mark) > 0)
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .toList();
        boolean capped = after.size() > WINDOW;
        long unread = after.stream()
                .limit(WINDOW)
                .filter(m -> !deleted.contains(m.id()) && !m.author().equals(seen.user()))
                .count();
        if (unread == seen.unread() && capped == seen.capped()) {
            return null;
        }
        return "listed unread " + seen.unread() + (seen.capped() ? " (capped)" : "") + ", history gives " + unread
                + (capped ? " (capped)" : "");
    }
}
