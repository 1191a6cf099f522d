package io.chorus.harness.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code webhooks:} section of a scenario ({@link WebhooksSpec}): every field read with its line, the group
 * checked against the population, and the channel count against the group's size.
 */
final class WebhooksSection {
    static final List<String> FIELDS =
            List.of("endpoints", "group", "channels", "events", "incoming", "bot", "maxDuplicates", "drain");
    /** A registration serves at most 100 channels (decision 0210). */
    static final int MAX_CHANNELS = 100;

    /** A hook's and a bot's own rate limits on a stack as configured by default (decision 0216). */
    static final double MAX_HOOK_POSTS_PER_SECOND = 5;

    static final double MAX_BOT_POSTS_PER_SECOND = 20;
    static final double DEFAULT_MAX_DUPLICATES = 0.05;
    static final Duration DEFAULT_DRAIN = Duration.ofMinutes(2);

    private WebhooksSection() {}

    static Optional<WebhooksSpec> read(YamlMapping m, Optional<PopulationSpec> population, Problems problems) {
        int before = problems.errors().size();
        Optional<Long> endpoints = m.integer("endpoints", true, 1, 1_000, "a number of webhook receivers");
        Optional<String> group = m.string("group", true, "a group name from population.shapes");
        group.ifPresent(g -> population
                .filter(p -> !p.groups().contains(g))
                .ifPresent(p -> problems.add(
                        m.get("group").orElseThrow(),
                        m.child("group"),
                        "expected a group name from population.shapes (" + String.join(", ", p.groups()) + "), got '"
                                + g + "'"
                                + Suggestion.closest(g, p.groups())
                                        .map(s -> " (did you mean '" + s + "'?)")
                                        .orElse(""))));
        long channels = m.integer("channels", false, 1, MAX_CHANNELS, "a number of the group's channels")
                .orElse(1L);
        group.flatMap(g -> population.flatMap(p ->
                        p.shapes().stream().filter(s -> s.group().equals(g)).findFirst()))
                .filter(shape -> shape.channels() < channels)
                .ifPresent(shape -> problems.add(
                        m.get("channels").orElseThrow(),
                        m.child("channels"),
                        "expected at most the group's " + shape.channels() + " channels, got " + channels));
        List<String> events = events(m, problems);
        double incoming = rate(m, "incoming", MAX_HOOK_POSTS_PER_SECOND, problems);
        double bot = rate(m, "bot", MAX_BOT_POSTS_PER_SECOND, problems);
        double maxDuplicates = m.get("maxDuplicates")
                .flatMap(n -> Scalars.positiveNumber(n, m.child("maxDuplicates"), "a share such as 0.05", problems))
                .orElse(DEFAULT_MAX_DUPLICATES);
        Duration drain = m.get("drain")
                .flatMap(n -> Scalars.duration(n, m.child("drain"), problems))
                .orElse(DEFAULT_DRAIN);
        m.rejectUnknown(FIELDS);
        if (problems.errors().size() > before || endpoints.isEmpty() || group.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WebhooksSpec(
                endpoints.get().intValue(), group.get(), (int) channels, events, incoming, bot, maxDuplicates, drain));
    }

    private static List<String> events(YamlMapping m, Problems problems) {
        Optional<Node> node = m.get("events");
        if (node.isEmpty()) {
            return List.of("message.created");
        }
        String expected = "a list of event types (" + String.join(", ", WebhooksSpec.EVENT_TYPES) + ")";
        if (!(node.get() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            problems.add(
                    node.get(), m.child("events"), "expected " + expected + ", got " + Problems.describe(node.get()));
            return List.of();
        }
        List<String> events = new ArrayList<>();
        for (Node item : seq.getValue()) {
            Problems.scalar(item, m.child("events"), expected, problems).ifPresent(type -> {
                if (WebhooksSpec.EVENT_TYPES.contains(type)) {
                    events.add(type);
                } else {
                    problems.add(
                            item,
                            m.child("events"),
                            "expected one of " + String.join(", ", WebhooksSpec.EVENT_TYPES) + ", got '" + type + "'"
                                    + Suggestion.closest(type, WebhooksSpec.EVENT_TYPES)
                                            .map(s -> " (did you mean '" + s + "'?)")
                                            .orElse(""));
                }
            });
        }
        return events.stream().distinct().toList();
    }

    /** Posts per second, 0 (none) up to what one incoming webhook or bot may post without being throttled. */
    private static double rate(YamlMapping m, String key, double max, Problems problems) {
        Optional<Node> node = m.get(key);
        if (node.isEmpty()) {
            return 0;
        }
        Optional<String> text = Problems.scalar(node.get(), m.child(key), "posts per second", problems);
        if (text.isEmpty()) {
            return 0;
        }
        if (text.get().trim().equals("0")) {
            return 0;
        }
        Optional<Double> rate = Scalars.positiveNumber(node.get(), m.child(key), "posts per second", problems);
        if (rate.isPresent() && rate.get() > max) {
            problems.add(
                    node.get(),
                    m.child(key),
                    "expected at most " + max + " posts per second (its rate limit), got " + rate.get());
            return 0;
        }
        return rate.orElse(0.0);
    }
}
