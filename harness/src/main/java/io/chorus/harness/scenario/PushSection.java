package io.chorus.harness.scenario;

import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** The {@code push:} section of a scenario: shares of the population between 0 and 1, and two rates per second. */
final class PushSection {
    static final List<String> FIELDS = List.of("devices", "apns", "offline", "expired", "dmRate", "mentionRate");
    private static final double MAX_RATE = 10_000;
    /** Each device is registered through the API before the load, one request each. */
    static final long MAX_DEVICES = 20_000;

    private PushSection() {}

    /** @param users the population's users (empty when the population section is itself invalid) */
    static Optional<PushSpec> read(YamlMapping m, Optional<Long> users, Problems problems) {
        int before = problems.errors().size();
        double devices = m.required("devices", "the share of users with a device, such as 0.3")
                .flatMap(n -> share(n, m.child("devices"), problems))
                .orElse(0.0);
        double apns =
                m.get("apns").flatMap(n -> share(n, m.child("apns"), problems)).orElse(0.5);
        double offline = m.get("offline")
                .flatMap(n -> share(n, m.child("offline"), problems))
                .orElse(0.5);
        double expired = m.get("expired")
                .flatMap(n -> share(n, m.child("expired"), problems))
                .orElse(0.0);
        double dm = m.get("dmRate")
                .flatMap(n -> rate(n, m.child("dmRate"), problems))
                .orElse(0.0);
        double mention = m.get("mentionRate")
                .flatMap(n -> rate(n, m.child("mentionRate"), problems))
                .orElse(0.0);
        m.rejectUnknown(FIELDS);
        if (problems.errors().size() > before) {
            return Optional.empty();
        }
        if (devices == 0) {
            problems.add(
                    m.get("devices").orElse(m.node()),
                    m.child("devices"),
                    "expected a share above 0: " + "without devices nobody is owed a notification");
            return Optional.empty();
        }
        long wanted = Math.round(users.orElse(0L) * devices);
        if (wanted > MAX_DEVICES) {
            problems.add(
                    m.get("devices").orElse(m.node()),
                    m.child("devices"),
                    "expected at most " + MAX_DEVICES + " devices (each is registered through the API before the"
                            + " load), got " + wanted + " (" + devices + " of " + users.orElse(0L) + " users)");
            return Optional.empty();
        }
        if (dm == 0 && mention == 0) {
            problems.add(m.node(), m.path(), "expected dmRate or mentionRate above 0: without them nothing is pushed");
            return Optional.empty();
        }
        return Optional.of(new PushSpec(devices, apns, offline, expired, dm, mention));
    }

    /** A number from 0 to 1. */
    private static Optional<Double> share(Node node, String field, Problems problems) {
        return number(node, field, "a share from 0 to 1, such as 0.25", 1, problems);
    }

    private static Optional<Double> rate(Node node, String field, Problems problems) {
        return number(node, field, "messages per second (0 for none)", MAX_RATE, problems);
    }

    private static Optional<Double> number(Node node, String field, String expected, double max, Problems problems) {
        Optional<String> text = Problems.scalar(node, field, expected, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get().trim();
        if (!value.matches("\\d{1,9}(\\.\\d{1,9})?")) {
            problems.add(node, field, "expected " + expected + ", got " + Problems.describe(node));
            return Optional.empty();
        }
        double number = Double.parseDouble(value);
        if (number > max) {
            problems.add(node, field, "expected " + expected + ", at most " + max + ", got " + value);
            return Optional.empty();
        }
        return Optional.of(number);
    }
}
