package io.chorus.harness.checker;

import io.chorus.harness.history.HistoryRead;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.history.SessionResync;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A clean history in which one member's socket drops at {@code drop}: either it is back at {@code back} with a
 * {@code resync_required} and reads from history every message that reached it in between (a correct client of a
 * correct system), or it never comes back and has nothing that arrived after the drop.
 */
final class ResyncHistories {
    private ResyncHistories() {}

    static List<Op> resynced(Histories h, String user, long drop, long back) {
        List<Op> ops = new ArrayList<>();
        Map<String, List<String>> read = new LinkedHashMap<>();
        for (Op op : h.history().ops()) {
            if (op instanceof Receipt r && r.receiver().equals(user) && r.time() >= drop) {
                if (r.time() < back) {
                    read.computeIfAbsent(r.channel(), c -> new ArrayList<>()).add(r.messageId());
                    continue;
                }
                op = new Receipt(
                        user, "conn2-" + user, "notification-2", r.channel(), r.messageId(), r.seq(), r.time());
            }
            ops.add(op);
        }
        ops.add(new SessionClose(user, "conn-" + user, "instance died", drop));
        ops.add(new SessionOpen(user, "conn2-" + user, "notification-2", back));
        ops.add(new SessionResync(user, "conn2-" + user, "gap_too_large", back));
        for (String channel : h.roster().channelsOf(user)) {
            ops.add(new HistoryRead(user, channel, read.getOrDefault(channel, List.of()), true, back, back + 1));
        }
        return ops;
    }

    static List<Op> gone(Histories h, String user, long drop) {
        List<Op> ops = new ArrayList<>();
        for (Op op : h.history().ops()) {
            if (!(op instanceof Receipt r && r.receiver().equals(user) && r.time() >= drop)) {
                ops.add(op);
            }
        }
        ops.add(new SessionClose(user, "conn-" + user, "instance died", drop));
        return ops;
    }

    /** The history without any trace of {@code messageId} at {@code user}: no receipt, not in any read. */
    static List<Op> withoutAt(List<Op> ops, String user, String messageId) {
        List<Op> out = new ArrayList<>();
        for (Op op : ops) {
            if (op instanceof Receipt r
                    && r.receiver().equals(user)
                    && r.messageId().equals(messageId)) {
                continue;
            }
            if (op instanceof HistoryRead r && r.user().equals(user)) {
                op = new HistoryRead(
                        user,
                        r.channel(),
                        r.messageIds().stream()
                                .filter(id -> !id.equals(messageId))
                                .toList(),
                        r.complete(),
                        r.started(),
                        r.time());
            }
            out.add(op);
        }
        return out;
    }

    /** The acknowledged messages of the user's channels, in send order. */
    static List<String> owedTo(Histories h, String user) {
        Set<String> channels = h.roster().channelsOf(user);
        Map<String, String> channelOfSend = new LinkedHashMap<>();
        h.history()
                .of(io.chorus.harness.history.SendInvoke.class)
                .forEach(i -> channelOfSend.put(i.clientMsgId(), i.channel()));
        return h.history()
                .of(SendOk.class)
                .filter(ok -> channels.contains(channelOfSend.get(ok.clientMsgId())))
                .map(SendOk::messageId)
                .toList();
    }

    /** The times of the 202s, in order: drop and back points that fall inside the run. */
    static List<Long> ackTimes(Histories h) {
        return h.history().of(SendOk.class).map(SendOk::time).toList();
    }
}
