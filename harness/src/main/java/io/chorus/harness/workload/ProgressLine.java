package io.chorus.harness.workload;

import java.time.Duration;

/** The live progress line: phase, elapsed/total, sent, delivered, errors, running send p95. */
public final class ProgressLine {
    private ProgressLine() {}

    public static String render(String phase, Duration elapsed, Duration total, LiveCounters.Snapshot s) {
        return String.format(
                "%-12s %s/%s  sent %,d  delivered %,d  errors %,d  send p95 %s",
                phase,
                clock(elapsed),
                clock(total),
                s.sent(),
                s.delivered(),
                s.errors(),
                Double.isNaN(s.sendP95Ms()) ? "-" : String.format("%.1f ms", s.sendP95Ms()));
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
