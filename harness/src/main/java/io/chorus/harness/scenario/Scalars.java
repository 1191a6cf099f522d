package io.chorus.harness.scenario;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads typed values out of YAML scalars, recording what was expected when one does not fit. */
final class Scalars {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d_]*(\\.\\d+)?");

    private Scalars() {}

    static Optional<Long> integer(Node node, String field, long min, long max, String expected, Problems problems) {
        Optional<String> text = Problems.scalar(node, field, expected, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String digits = text.get().trim().replace("_", "");
        if (!digits.matches("-?\\d{1,18}")) {
            problems.add(node, field, "expected " + expected + ", got " + Problems.describe(node));
            return Optional.empty();
        }
        long value = Long.parseLong(digits);
        if (value < min || value > max) {
            problems.add(node, field, "expected " + expected + " between " + min + " and " + max + ", got " + value);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    static Optional<Double> positiveNumber(Node node, String field, String expected, Problems problems) {
        Optional<String> text = Problems.scalar(node, field, expected, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().trim();
        if (!NUMBER.matcher(value).matches() || value.length() > 24) {
            problems.add(node, field, "expected " + expected + ", got " + Problems.describe(node));
            return Optional.empty();
        }
        double number = Double.parseDouble(value.replace("_", ""));
        if (!(number > 0) || Double.isInfinite(number)) {
            problems.add(node, field, "expected " + expected + " (more than 0), got " + value);
            return Optional.empty();
        }
        return Optional.of(number);
    }

    static Optional<Duration> duration(Node node, String field, Problems problems) {
        return duration(node, field, false, problems);
    }

    /** A time since some start: as {@link #duration} but 0 is allowed ({@code at: 0s}). */
    static Optional<Duration> offset(Node node, String field, Problems problems) {
        return duration(node, field, true, problems);
    }

    private static Optional<Duration> duration(Node node, String field, boolean zeroAllowed, Problems problems) {
        String expected = "a duration such as 500ms, 30s, 2m or 1h";
        Optional<String> text = Problems.scalar(node, field, expected, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = DURATION.matcher(text.get().trim());
        if (!m.matches()) {
            problems.add(node, field, "expected " + expected + ", got " + Problems.describe(node));
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if ((d.isZero() && !zeroAllowed) || d.compareTo(Duration.ofDays(7)) > 0) {
            problems.add(
                    node,
                    field,
                    "expected " + expected + (zeroAllowed ? "" : " longer than 0 and") + " at most a week, got "
                            + text.get());
            return Optional.empty();
        }
        return Optional.of(d);
    }

    /** A threshold: a number in the metric's unit, or for a latency a duration such as {@code 50ms}. */
    static Optional<Double> threshold(Node node, String field, boolean latency, Problems problems) {
        String expected = latency ? "a number of milliseconds or a duration such as 50ms" : "a number";
        Optional<String> text = Problems.scalar(node, field, expected, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().trim();
        if (latency && DURATION.matcher(value).matches()) {
            return duration(node, field, problems).map(d -> d.toNanos() / 1e6);
        }
        if (!NUMBER.matcher(value).matches() || value.length() > 24) {
            problems.add(node, field, "expected " + expected + ", got " + Problems.describe(node));
            return Optional.empty();
        }
        return Optional.of(Double.parseDouble(value.replace("_", "")));
    }
}
