package io.chorus.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.harness.checker.Metric;
import io.chorus.harness.checker.Metric.Direction;
import io.chorus.harness.scenario.Slo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the metrics of two reports. A metric regressed when it moved in its worse direction by more than the
 * tolerance, relative to the old value (for an old value of 0, any move the worse way is a regression: losing one
 * message where none were lost is never noise).
 */
public final class ReportComparison {
    public enum Change {
        BETTER,
        SAME,
        WORSE_WITHIN_TOLERANCE,
        REGRESSED,
        ONLY_OLD,
        ONLY_NEW
    }

    public record Row(String metric, String unit, Double oldValue, Double newValue, Double relative, Change change) {}

    private final double tolerance;
    private final Map<String, Double> perMetric;

    /** @param tolerance relative, e.g. 0.10 for 10%; {@code perMetric} overrides it for named metrics */
    public ReportComparison(double tolerance, Map<String, Double> perMetric) {
        this.tolerance = tolerance;
        this.perMetric = Map.copyOf(perMetric);
    }

    public static Map<String, Double> metrics(Path report) {
        try {
            JsonNode root = ReportWriter.JSON.readTree(report.toFile());
            if (root == null || !root.path("metrics").isObject()) {
                throw new IllegalArgumentException(report + ": not a harness report.json (no metrics object)");
            }
            int version = root.path("schemaVersion").asInt(-1);
            if (version != RunReport.SCHEMA_VERSION) {
                throw new IllegalArgumentException(report + ": report schema version " + version
                        + ", this harness reads " + RunReport.SCHEMA_VERSION);
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = root.path("metrics").fields();
            while (fields.hasNext()) {
                var f = fields.next();
                if (f.getValue().isNumber()) {
                    metrics.put(f.getKey(), f.getValue().asDouble());
                }
            }
            return metrics;
        } catch (IOException e) {
            throw new UncheckedIOException(report + ": " + e.getMessage(), e);
        }
    }

    public List<Row> compare(Map<String, Double> old, Map<String, Double> now) {
        List<Row> rows = new ArrayList<>();
        for (Metric metric : Metric.all()) {
            Double a = old.get(metric.name());
            Double b = now.get(metric.name());
            if (a == null && b == null) {
                continue;
            }
            if (a == null || b == null) {
                rows.add(new Row(
                        metric.name(), metric.unit(), a, b, null, a == null ? Change.ONLY_NEW : Change.ONLY_OLD));
                continue;
            }
            double worse = metric.direction() == Direction.LOWER_IS_BETTER ? b - a : a - b;
            Double relative = a == 0 ? null : (b - a) / Math.abs(a);
            double allowed = perMetric.getOrDefault(metric.name(), tolerance) * Math.abs(a);
            Change change = worse == 0
                    ? Change.SAME
                    : worse < 0
                            ? Change.BETTER
                            : worse > allowed || a == 0 ? Change.REGRESSED : Change.WORSE_WITHIN_TOLERANCE;
            rows.add(new Row(metric.name(), metric.unit(), a, b, relative, change));
        }
        return rows;
    }

    public static boolean regressed(List<Row> rows) {
        return rows.stream().anyMatch(r -> r.change() == Change.REGRESSED);
    }

    public static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder(
                String.format("%-34s %14s %14s %9s  %s%n", "metric", "old", "new", "change", "verdict"));
        for (Row r : rows) {
            s.append(String.format(
                    "%-34s %14s %14s %9s  %s%n",
                    r.metric(),
                    value(r.oldValue(), r.unit()),
                    value(r.newValue(), r.unit()),
                    r.relative() == null ? "" : String.format("%+.1f%%", 100 * r.relative()),
                    r.change().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        }
        return s.toString();
    }

    private static String value(Double v, String unit) {
        if (v == null) {
            return "-";
        }
        String n = Math.abs(v) >= 100 || v == Math.rint(v)
                ? Slo.formatNumber(Math.rint(v * 10) / 10)
                : String.format("%.3f", v);
        return unit.equals("count") || unit.equals("ratio") ? n : n + " " + unit;
    }
}
