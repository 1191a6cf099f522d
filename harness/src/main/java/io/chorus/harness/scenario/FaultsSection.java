package io.chorus.harness.scenario;

import io.chorus.harness.nemesis.FaultKind;
import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.FaultTargets;
import io.chorus.harness.nemesis.ScheduledFault;
import io.chorus.harness.stack.StackShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code faults:} list of a scenario: each entry's fields are read here (with their lines), then the schedule
 * as a whole is checked by {@link FaultSchedule} against the stack's shape and the phases' length, and each of its
 * problems is reported at the line of the field it is about.
 */
final class FaultsSection {
    static final List<String> FIELDS = List.of("at", "duration", "until", "kind", "target", "parameters");

    private FaultsSection() {}

    /** @param stack null when the stack section is itself invalid: targets are then not checked */
    static FaultSchedule read(List<Node> nodes, StackShape stack, Duration workload, Problems problems) {
        return read(nodes, stack, workload, 0, false, problems);
    }

    /**
     * @param stack null when the stack section is itself invalid: targets are then not checked
     * @param receivers the size of the run's webhook receiver fleet (the {@code webhooks:} section's endpoints; 0:
     *                  no fleet, so no {@code webhook-*} fault)
     * @param push whether the scenario has a {@code push:} section (the fake providers run only then)
     */
    static FaultSchedule read(
            List<Node> nodes, StackShape stack, Duration workload, int receivers, boolean push, Problems problems) {
        int before = problems.errors().size();
        List<ScheduledFault> faults = new ArrayList<>();
        Map<Integer, YamlMapping> mappings = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            int index = i;
            YamlMapping.of(nodes.get(i), "faults[" + i + "]", problems, "a fault (at, duration, kind, target)")
                    .ifPresent(m -> {
                        mappings.put(index, m);
                        fault(index, m, receivers, problems).ifPresent(f -> {
                            if (!push && FaultTargets.PUSH_PROVIDERS.contains(f.target())) {
                                problems.add(
                                        m.get("target").orElse(m.node()),
                                        m.child("target"),
                                        f.target() + " is a fake push provider, which harness run starts only for a"
                                                + " scenario with a push: section (devices, offline, dmRate,"
                                                + " mentionRate): add one, or drop this fault");
                            }
                            faults.add(f);
                        });
                    });
        }
        if (stack == null) {
            return FaultSchedule.EMPTY;
        }
        // the entries that could be read are checked as a schedule even when others could not: every error at once
        List<FaultSchedule.Problem> found = FaultSchedule.check(faults, FaultTargets.of(stack), workload);
        for (FaultSchedule.Problem p : found) {
            YamlMapping m = mappings.get(p.index());
            problems.add(at(m, p.field()), m.child(p.field()), p.message());
        }
        if (!found.isEmpty() || problems.errors().size() > before) {
            return FaultSchedule.EMPTY;
        }
        return FaultSchedule.of(faults, FaultTargets.of(stack), workload);
    }

    private static Optional<ScheduledFault> fault(int index, YamlMapping m, int receivers, Problems problems) {
        int before = problems.errors().size();
        Optional<Duration> at = m.required("at", "when the fault starts, since the first phase began, such as 30s")
                .flatMap(n -> Scalars.offset(n, m.child("at"), problems));
        Optional<Duration> duration =
                m.get("duration").flatMap(n -> Scalars.duration(n, m.child("duration"), problems));
        Optional<Duration> until = m.get("until").flatMap(n -> Scalars.offset(n, m.child("until"), problems));
        if (m.has("duration") && m.has("until")) {
            problems.add(m.get("until").orElseThrow(), m.child("until"), "expected one of duration or until, not both");
        }
        Optional<FaultKind> kind = m.string("kind", true, "a fault kind (" + String.join(", ", FaultKind.names()) + ")")
                .flatMap(k -> {
                    Optional<FaultKind> found = FaultKind.of(k);
                    if (found.isEmpty()) {
                        problems.add(
                                m.get("kind").orElse(m.node()),
                                m.child("kind"),
                                "expected one of "
                                        + String.join(", ", FaultKind.names()) + ", got '" + k + "'"
                                        + Suggestion.closest(k, FaultKind.names())
                                                .map(s -> " (did you mean '" + s + "'?)")
                                                .orElse(""));
                    } else if (found.get().isWebhookFault() && receivers == 0) {
                        // the receivers are the run's own fleet, which only a webhooks: section starts
                        problems.add(
                                m.get("kind").orElse(m.node()),
                                m.child("kind"),
                                "a " + k + " fault acts on the webhook receiver fleet, which a run starts only with a"
                                        + " webhooks: section (endpoints: n)");
                        return Optional.<FaultKind>empty();
                    }
                    return found;
                });
        Optional<String> target =
                m.string("target", true, "a component such as notification-1 or a link such as " + "'command -> nats'");
        Map<String, String> parameters = new LinkedHashMap<>();
        m.get("parameters")
                .flatMap(n -> YamlMapping.of(n, m.child("parameters"), problems, "the fault's parameters"))
                .ifPresent(p -> p.keys()
                        .forEach(key -> p.get(key)
                                .flatMap(v -> Problems.scalar(v, p.child(key), "a value", problems))
                                .ifPresent(v -> parameters.put(key, v.trim()))));
        kind.filter(FaultKind::isWebhookFault)
                .flatMap(k -> target)
                .filter(t -> outsideFleet(t, receivers))
                .ifPresent(t -> problems.add(
                        m.get("target").orElseThrow(),
                        m.child("target"),
                        "expected a receiver of the run's fleet (hook-1 to hook-" + receivers + "), got '" + t + "'"));
        m.rejectUnknown(FIELDS);
        if (problems.errors().size() > before || at.isEmpty() || kind.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        Duration end = until.orElse(duration.map(d -> at.get().plus(d)).orElse(null));
        return Optional.of(
                new ScheduledFault(index, at.get(), end, kind.get(), FaultTargets.normalize(target.get()), parameters));
    }

    /** A receiver's name ({@code hook-<n>}) beyond a fleet of {@code receivers}; other names FaultSchedule judges. */
    private static boolean outsideFleet(String target, int receivers) {
        return io.chorus.harness.webhook.ReceiverFleet.isReceiverName(target)
                && Integer.parseInt(target.substring("hook-".length())) > receivers;
    }

    /** The node a schedule problem is about: the field's value, a parameter's value, or the whole entry. */
    private static Node at(YamlMapping m, String field) {
        if (field.startsWith("parameters.")) {
            String name = field.substring("parameters.".length());
            Optional<Node> parameters = m.get("parameters");
            return parameters
                    .flatMap(n -> n instanceof org.yaml.snakeyaml.nodes.MappingNode map
                            ? map.getValue().stream()
                                    .filter(t -> t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode s
                                            && s.getValue().equals(name))
                                    .map(t -> t.getValueNode())
                                    .findFirst()
                            : Optional.empty())
                    .or(() -> parameters)
                    .orElse(m.node());
        }
        String key = field.equals("until") && !m.has("until") ? "duration" : field;
        return m.get(key).orElse(m.node());
    }
}
