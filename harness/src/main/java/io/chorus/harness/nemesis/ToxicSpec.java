package io.chorus.harness.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Toxiproxy toxic as its HTTP API takes it ({@code POST /proxies/<name>/toxics}), made from a link fault's
 * parameters. Durations are written {@code 200ms}, {@code 2s}, {@code 1m} (0 allowed, at most an hour) and sent
 * in milliseconds; {@code rate} is KB/s; {@code direction} is {@code downstream} (engine to service, Toxiproxy's
 * default), {@code upstream} or {@code both} (two toxics); {@code toxicity} is the share of connections affected.
 */
public record ToxicSpec(String name, String type, String stream, double toxicity, Map<String, Long> attributes) {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(ms|s|m)");
    private static final Duration MAX = Duration.ofHours(1);

    /** The toxics of a link fault (one, or two with {@code direction: both}); call {@link #problems} first. */
    public static List<ToxicSpec> of(ScheduledFault fault) {
        if (fault.kind().isProcessFault()
                || fault.kind() == FaultKind.DOWN
                || fault.kind().isStoreFault()) {
            return List.of();
        }
        Map<String, String> p = fault.parameters();
        Map<String, Long> attributes = new LinkedHashMap<>();
        switch (fault.kind()) {
            case LATENCY -> {
                attributes.put("latency", millis(p.get("latency")).orElseThrow());
                attributes.put("jitter", millis(p.getOrDefault("jitter", "0ms")).orElseThrow());
            }
            case BANDWIDTH ->
                attributes.put("rate", Long.parseLong(p.get("rate").replace("_", "")));
            case TIMEOUT, RESET_PEER ->
                attributes.put(
                        "timeout", millis(p.getOrDefault("timeout", "0ms")).orElseThrow());
            case SLOW_CLOSE -> attributes.put("delay", millis(p.get("delay")).orElseThrow());
            default -> throw new IllegalArgumentException("not a toxic: " + fault.kind());
        }
        double toxicity = p.containsKey("toxicity") ? Double.parseDouble(p.get("toxicity")) : 1.0;
        String direction = p.getOrDefault("direction", "downstream");
        List<String> streams = direction.equals("both") ? List.of("downstream", "upstream") : List.of(direction);
        List<ToxicSpec> toxics = new ArrayList<>();
        for (String stream : streams) {
            toxics.add(new ToxicSpec(
                    "chorus-fault-" + fault.index() + "-" + stream, fault.kind().yaml(), stream, toxicity, attributes));
        }
        return toxics;
    }

    /** What is wrong with a fault's parameters: parameter name to the problem, empty when all is well. */
    public static Map<String, String> problems(ScheduledFault fault) {
        Map<String, String> problems = new LinkedHashMap<>();
        FaultKind kind = fault.kind();
        fault.parameters().forEach((name, value) -> {
            if (!kind.knows(name)) {
                problems.put(
                        name,
                        kind.parameters().isEmpty()
                                ? "a " + kind.yaml() + " fault takes no parameters"
                                : "unknown parameter of a " + kind.yaml() + " fault; expected one of: "
                                        + String.join(", ", kind.parameters()));
                return;
            }
            check(name, value).ifPresent(problem -> problems.put(name, problem));
        });
        for (String name : kind.requiredParameters()) {
            if (!fault.parameters().containsKey(name)) {
                problems.put(name, "is required for a " + kind.yaml() + " fault: expected " + expected(name));
            }
        }
        return problems;
    }

    private static Optional<String> check(String name, String value) {
        boolean fits = switch (name) {
            case "latency", "jitter", "timeout", "delay", "retryAfter" ->
                millis(value).isPresent();
            case "status" -> value.matches("[1-5]\\d\\d") && !value.startsWith("2");
            case "rate" -> value.replace("_", "").matches("[1-9]\\d{0,8}");
            case "direction" -> List.of("downstream", "upstream", "both").contains(value);
            case "toxicity" -> value.matches("(0(\\.\\d+)?|1(\\.0+)?)");
            default -> false;
        };
        return fits ? Optional.empty() : Optional.of("expected " + expected(name) + ", got '" + value + "'");
    }

    private static String expected(String name) {
        return switch (name) {
            case "latency", "jitter", "timeout", "delay", "retryAfter" ->
                "a duration such as 0ms, 200ms, 2s or 1m (at most 1h)";
            case "status" -> "an HTTP status other than 2xx, such as 500 or 503";
            case "rate" -> "a bandwidth in KB/s, a whole number above 0";
            case "direction" -> "downstream, upstream or both";
            case "toxicity" -> "a share of connections between 0 and 1";
            default -> "nothing";
        };
    }

    static Optional<Long> millis(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        return d.compareTo(MAX) > 0 ? Optional.empty() : Optional.of(d.toMillis());
    }
}
