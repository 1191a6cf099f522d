package io.chorus.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.report.ReportComparison.Change;
import io.chorus.harness.report.ReportComparison.Row;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportComparisonTest {
    private final ReportComparison comparison = new ReportComparison(0.10, Map.of("send.latency.p99", 0.5));

    private Change change(String metric, double old, double now) {
        return comparison.compare(Map.of(metric, old), Map.of(metric, now)).stream()
                .filter(r -> r.metric().equals(metric))
                .map(Row::change)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void eachMetricIsJudgedInItsOwnDirection() {
        assertThat(change("send.latency.p95", 20, 21)).isEqualTo(Change.WORSE_WITHIN_TOLERANCE);
        assertThat(change("send.latency.p95", 20, 23)).isEqualTo(Change.REGRESSED);
        assertThat(change("send.latency.p95", 20, 10)).isEqualTo(Change.BETTER);
        assertThat(change("rate.achieved", 1000, 850)).isEqualTo(Change.REGRESSED);
        assertThat(change("rate.achieved", 1000, 1500)).isEqualTo(Change.BETTER);
        assertThat(change("messages.lost", 0, 1))
                .as("from 0 any worsening regresses")
                .isEqualTo(Change.REGRESSED);
        assertThat(change("send.latency.p99", 20, 28))
                .as("per-metric tolerance")
                .isEqualTo(Change.WORSE_WITHIN_TOLERANCE);
        assertThat(change("errors.total", 3, 3)).isEqualTo(Change.SAME);
    }

    @Test
    void aRegressionFailsTheComparisonAndShowsInTheTable() {
        var rows = comparison.compare(
                Map.of("send.latency.p95", 20.0, "rate.achieved", 100.0),
                Map.of("send.latency.p95", 40.0, "rate.achieved", 100.0, "messages.lost", 0.0));
        assertThat(ReportComparison.regressed(rows)).isTrue();
        assertThat(ReportComparison.table(rows)).contains("send.latency.p95", "+100.0%", "regressed", "only new");
    }
}
