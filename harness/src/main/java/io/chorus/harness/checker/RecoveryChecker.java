package io.chorus.harness.checker;

import io.chorus.harness.history.FaultWindow;
import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.Receipt;
import io.chorus.harness.history.Sample;
import io.chorus.harness.history.SendFail;
import io.chorus.harness.history.SendInfo;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * How the system behaved during each fault window and how fast it recovered after it, from the history alone:
 * <ul>
 *   <li>sends intended during the window: how many, answered 202, refused 503 (allowed: the backbone could not
 *       promise), otherwise refused, unanswered; send and delivery p95 of those sends;</li>
 *   <li>the same p95s in the recovery period after the window: from its end for as long again as the window, and
 *       at least {@value #MIN_AFTER_SECONDS} s, but never past the start of the next fault; a window that ends while
 *       another fault is in force has none (what follows measures that fault);</li>
 *   <li>reconnect: each socket that closed during the window (or within the recovery period) and the time until
 *       its user had a socket ready again; users who never had one again are counted;</li>
 *   <li>catch-up: from the window's end until the last receipt of any message accepted during it; where other
 *       windows overlap it, from the end of the last of them, since nothing can be expected delivered while a fault
 *       is in force;</li>
 *   <li>lag drain: from the window's end until every consumer's {@code consumer.pending} is back to its level
 *       before the fault ({@link LagDrain}; samples the run takes from NATS monitoring; no samples, no figure).</li>
 * </ul>
 * The window's end is when the target was healthy again, so these figures count from the system's recovery, not
 * from the nemesis's first step of healing. A figure without data is absent (an SLO on it fails "no data").
 */
public final class RecoveryChecker implements Checker<RecoveryChecker.Result> {
    public static final String NAME = "recovery";
    static final long MIN_AFTER_SECONDS = 30;
    public static final String LAG_METRIC = "consumer.pending";

    /** One fault window: times in ms; null where the history holds no data for it. */
    public record Window(
            String fault,
            String target,
            double start,
            double seconds,
            long sends,
            long acked,
            long unavailable,
            long refused,
            long unanswered,
            Double sendP95,
            Double deliveryP95,
            Double sendP95After,
            Double deliveryP95After,
            long clientsDropped,
            long clientsNotBack,
            Double reconnectMax,
            Double catchUp,
            Double lagDrain) {}

    public record Result(
            List<Window> windows,
            long unavailable,
            long otherErrors,
            LatencySummary sendDuring,
            LatencySummary deliveryDuring,
            LatencySummary sendAfter,
            LatencySummary deliveryAfter)
            implements CheckResult {
        @Override
        public List<Measurement> measurements() {
            List<Measurement> m = new ArrayList<>();
            m.add(Measurement.of("errors.unavailable", unavailable));
            m.add(Measurement.of("errors.other", otherErrors));
            if (windows.isEmpty()) {
                return m;
            }
            m.add(Measurement.of(
                    "recovery.clients_not_back",
                    windows.stream().mapToLong(Window::clientsNotBack).sum()));
            max(windows, Window::reconnectMax).ifPresent(v -> m.add(Measurement.of("recovery.reconnect.max", v)));
            max(windows, Window::catchUp).ifPresent(v -> m.add(Measurement.of("recovery.catchup.max", v)));
            max(windows, Window::lagDrain).ifPresent(v -> m.add(Measurement.of("recovery.lag_drain.max", v)));
            p95(m, "fault.send.latency.p95", sendDuring);
            p95(m, "fault.delivery.latency.p95", deliveryDuring);
            p95(m, "recovery.send.latency.p95", sendAfter);
            p95(m, "recovery.delivery.latency.p95", deliveryAfter);
            return m;
        }

        private static void p95(List<Measurement> m, String name, LatencySummary s) {
            if (s.count() > 0) {
                m.add(Measurement.of(name, s.p95()));
            }
        }

        private static java.util.Optional<Double> max(
                List<Window> windows, java.util.function.Function<Window, Double> figure) {
            return windows.stream()
                    .map(figure)
                    .filter(java.util.Objects::nonNull)
                    .max(Double::compare);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Result check(History history) {
        Sends sends = new Sends(history);
        long start = history.span()[0];
        Map<String, Integer> status = statuses(history);
        Map<String, List<Receipt>> receipts =
                history.of(Receipt.class).collect(Collectors.groupingBy(Receipt::messageId));
        Map<String, String> messageOf = new HashMap<>();
        sends.acked.forEach((messageId, a) -> messageOf.put(a.invoke().clientMsgId(), messageId));
        Histogram sendDuring = LatencySummary.histogram();
        Histogram deliveryDuring = LatencySummary.histogram();
        Histogram sendAfter = LatencySummary.histogram();
        Histogram deliveryAfter = LatencySummary.histogram();
        List<Window> windows = new ArrayList<>();
        List<FaultWindow> faults = history.of(FaultWindow.class)
                .sorted(java.util.Comparator.comparingLong(FaultWindow::time))
                .toList();
        for (FaultWindow f : faults) {
            long healed = allHealed(faults, f);
            long afterEnd = healed > f.end()
                    ? f.end()
                    : Math.min(
                            f.end() + Math.max(MIN_AFTER_SECONDS * 1_000_000, f.end() - f.time()),
                            nextStart(faults, f));
            long[] counts = new long[5];
            Histogram send = LatencySummary.histogram();
            Histogram delivery = LatencySummary.histogram();
            Histogram sendLater = LatencySummary.histogram();
            Histogram deliveryLater = LatencySummary.histogram();
            long lastReceipt = Long.MIN_VALUE;
            for (SendInvoke invoke : sends.invokes.values()) {
                boolean during = invoke.intended() >= f.time() && invoke.intended() < f.end();
                boolean after = invoke.intended() >= f.end() && invoke.intended() < afterEnd;
                if (!during && !after) {
                    continue;
                }
                String messageId = messageOf.get(invoke.clientMsgId());
                Sends.Acked acked = messageId == null ? null : sends.acked.get(messageId);
                if (during) {
                    count(counts, acked != null, status.get(invoke.clientMsgId()));
                }
                if (acked == null) {
                    continue;
                }
                long sendMicros = Math.max(0, acked.ok().time() - invoke.intended());
                (during ? send : sendLater).recordValue(sendMicros);
                (during ? sendDuring : sendAfter).recordValue(sendMicros);
                for (Receipt r : receipts.getOrDefault(messageId, List.of())) {
                    if (during) {
                        lastReceipt = Math.max(lastReceipt, r.time());
                    }
                    if (!r.receiver().equals(invoke.sender())) {
                        long micros = Math.max(0, r.time() - invoke.intended());
                        (during ? delivery : deliveryLater).recordValue(micros);
                        (during ? deliveryDuring : deliveryAfter).recordValue(micros);
                    }
                }
            }
            long[] reconnect = reconnects(history, f.time(), afterEnd);
            windows.add(new Window(
                    f.fault(),
                    f.target(),
                    (f.time() - start) / 1e6,
                    (f.end() - f.time()) / 1e6,
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[3],
                    counts[4],
                    p95(send),
                    p95(delivery),
                    p95(sendLater),
                    p95(deliveryLater),
                    reconnect[0],
                    reconnect[1],
                    reconnect[0] > reconnect[1] ? reconnect[2] / 1e3 : null,
                    lastReceipt == Long.MIN_VALUE ? null : Math.max(0, lastReceipt - healed) / 1e3,
                    lagDrain(history, f.time(), f.end())));
        }
        long unavailable = status.values().stream().filter(s -> s == 503).count();
        long incomplete = sends.invokes.keySet().stream()
                .filter(id -> !status.containsKey(id) && !messageOf.containsKey(id))
                .count();
        long other = status.values().stream().filter(s -> s != 503).count() + incomplete;
        return new Result(
                windows,
                unavailable,
                other,
                LatencySummary.of(sendDuring),
                LatencySummary.of(deliveryDuring),
                LatencySummary.of(sendAfter),
                LatencySummary.of(deliveryAfter));
    }

    /**
     * The start of the first fault that begins after this one healed: the recovery period stops there, since
     * what is sent once another fault is in force measures that fault, not the recovery from this one.
     */
    private static long nextStart(List<FaultWindow> faults, FaultWindow f) {
        return faults.stream()
                .mapToLong(FaultWindow::time)
                .filter(t -> t >= f.end())
                .min()
                .orElse(Long.MAX_VALUE);
    }

    /**
     * When no fault is in force any more from {@code f} on: the end of the last window that overlaps it, directly or
     * through a chain of overlapping windows; {@code f}'s own end when none does.
     */
    static long allHealed(List<FaultWindow> faults, FaultWindow f) {
        long healed = f.end();
        for (FaultWindow g : faults) { // sorted by start: a chain is followed in one pass
            if (g.time() < healed && g.end() > healed) {
                healed = g.end();
            }
        }
        return healed;
    }

    /** counts: sends, acked, 503, other refusals, unanswered */
    private static void count(long[] counts, boolean acked, Integer status) {
        counts[0]++;
        if (acked) {
            counts[1]++;
        } else if (status != null && status == 503) {
            counts[2]++;
        } else if (status != null && status > 0) {
            counts[3]++;
        } else if (status != null) {
            counts[4]++;
        }
    }

    /** The HTTP status of each refused send, 0 for an unanswered one. */
    private static Map<String, Integer> statuses(History history) {
        Map<String, Integer> status = new HashMap<>();
        history.of(SendFail.class).forEach(f -> status.putIfAbsent(f.clientMsgId(), f.status()));
        history.of(SendInfo.class).forEach(i -> status.putIfAbsent(i.clientMsgId(), 0));
        return status;
    }

    /**
     * [dropped, never back, longest reconnect in µs] for sockets closed in [from, to): a user is back when one of
     * its sockets is ready after the close.
     */
    private static long[] reconnects(History history, long from, long to) {
        Map<String, String> userOf = new HashMap<>();
        Map<String, List<Long>> opens = new HashMap<>();
        List<SessionClose> closes = new ArrayList<>();
        for (Op op : history.ops()) {
            if (op instanceof SessionOpen o) {
                userOf.put(o.connection(), o.user());
                opens.computeIfAbsent(o.user(), u -> new ArrayList<>()).add(o.time());
            } else if (op instanceof SessionClose c && c.time() >= from && c.time() < to) {
                closes.add(c);
            }
        }
        // the fleet closing its sockets after the run's last activity is the end of the run, not a drop
        long end = history.lastActivity();
        closes.removeIf(c -> c.time() > end);
        long dropped = 0;
        long notBack = 0;
        long longest = 0;
        for (SessionClose c : closes) {
            String user = userOf.getOrDefault(c.connection(), c.user());
            dropped++;
            long back = opens.getOrDefault(user, List.of()).stream()
                    .filter(t -> t >= c.time())
                    .min(Long::compare)
                    .orElse(Long.MIN_VALUE);
            if (back == Long.MIN_VALUE) {
                notBack++;
            } else {
                longest = Math.max(longest, back - c.time());
            }
        }
        return new long[] {dropped, notBack, longest};
    }

    /** ms from the window's end until every consumer's lag is back to its level before the fault (LagDrain). */
    private static Double lagDrain(History history, long start, long end) {
        return LagDrain.of(history.of(Sample.class).toList(), start, end);
    }

    private static Double p95(Histogram h) {
        return h.getTotalCount() == 0 ? null : LatencySummary.of(h).p95();
    }
}
