package io.chorus.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.chorus.harness.stack.StackShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The schedule's rules, property-based: a fault that ends before (or when) it starts is always refused with a
 * clear error; an accepted schedule never holds two process faults on one process at once, nor two outages on one
 * proxy; and two such faults that do overlap are always refused. Overlapping toxics are allowed.
 */
class FaultScheduleTest {
    private static final FaultTargets TARGETS = FaultTargets.of(StackShape.DEFAULT);
    private static final Duration WORKLOAD = Duration.ofSeconds(200);
    private static final List<String> COMPONENTS =
            List.of("nats", "nats-1", "nats-2", "notification-1", "fanout-1", "cassandra-1", "message-writer");
    private static final List<String> LINKS =
            List.of("command -> nats", "command -> nats-2", "message-writer -> cassandra", "notification-1 -> nats");

    /** A fault with times in whole seconds; until may be before at, and a restart has none. */
    private static Gen<ScheduledFault> fault(int index) {
        return arbitrary()
                .enumValues(FaultKind.class)
                .zip(
                        integers().between(0, 150),
                        integers().between(-20, 60),
                        integers().between(0, 6),
                        (kind, at, length, t) -> {
                            String target = kind.isWebhookFault()
                                    ? "hook-" + (t % 3 + 1)
                                    : kind.isStoreFault()
                                            ? FaultSchedule.WIPEABLE.get(t % FaultSchedule.WIPEABLE.size())
                                            : kind.isProcessFault()
                                                    ? COMPONENTS.get(t % COMPONENTS.size())
                                                    : LINKS.get(t % LINKS.size());
                            Map<String, String> parameters = switch (kind) {
                                case LATENCY -> Map.of("latency", "100ms");
                                case BANDWIDTH -> Map.of("rate", "10");
                                case SLOW_CLOSE, WEBHOOK_SLOW -> Map.of("delay", "1s");
                                default -> Map.of();
                            };
                            Duration until = kind.hasDuration() ? Duration.ofSeconds(at + length) : null;
                            return new ScheduledFault(index, Duration.ofSeconds(at), until, kind, target, parameters);
                        });
    }

    private static Gen<List<ScheduledFault>> schedules() {
        return lists().of(fault(0)).ofSizeBetween(0, 6).map(list -> {
            List<ScheduledFault> indexed = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                ScheduledFault f = list.get(i);
                indexed.add(new ScheduledFault(i, f.at(), f.until(), f.kind(), f.target(), f.parameters()));
            }
            return indexed;
        });
    }

    @Test
    void aFaultThatEndsBeforeOrWhenItStartsIsAlwaysRefusedSayingSo() {
        qt().withExamples(500).forAll(schedules()).check(faults -> {
            List<FaultSchedule.Problem> problems = FaultSchedule.check(faults, TARGETS, WORKLOAD);
            return faults.stream()
                    .filter(f -> f.until() != null && f.until().compareTo(f.at()) <= 0)
                    .allMatch(f -> problems.stream()
                            .anyMatch(p -> p.index() == f.index()
                                    && p.field().equals("until")
                                    && p.message().contains("it starts")
                                    && p.message().contains("must end after")));
        });
    }

    @Test
    void anAcceptedScheduleNeverHoldsTwoFaultsThatWouldUndoEachOther() {
        qt().withExamples(500).forAll(schedules()).check(faults -> {
            if (!FaultSchedule.check(faults, TARGETS, WORKLOAD).isEmpty()) {
                return true;
            }
            for (ScheduledFault a : faults) {
                for (ScheduledFault b : faults) {
                    if (a.index() < b.index() && conflicting(a, b)) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    @Test
    void twoFaultsThatWouldUndoEachOtherAreAlwaysRefusedNamingTheFirst() {
        qt().withExamples(500).forAll(schedules()).check(faults -> {
            List<FaultSchedule.Problem> problems = FaultSchedule.check(faults, TARGETS, WORKLOAD);
            for (ScheduledFault a : faults) {
                for (ScheduledFault b : faults) {
                    if (a.index() < b.index()
                            && conflicting(a, b)
                            && problems.stream()
                                    .noneMatch(p -> p.index() == b.index()
                                            && p.message().startsWith("overlaps faults[" + a.index() + "]"))) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /** The oracle, written independently: intervals in seconds, targets expanded by hand. */
    private static boolean conflicting(ScheduledFault a, ScheduledFault b) {
        if (!validTimes(a) || !validTimes(b)) {
            return false;
        }
        double aStart = a.at().toSeconds();
        double bStart = b.at().toSeconds();
        double aEnd = a.until() == null ? aStart + 0.5 : a.until().toSeconds();
        double bEnd = b.until() == null ? bStart + 0.5 : b.until().toSeconds();
        boolean overlap = aStart < bEnd && bStart < aEnd;
        if (a.kind().isProcessFault() && b.kind().isProcessFault()) {
            return overlap && expand(a.target()).stream().anyMatch(expand(b.target())::contains);
        }
        if (a.kind().isWebhookFault() && b.kind().isWebhookFault()) {
            return overlap && a.target().equals(b.target());
        }
        if (a.kind() == FaultKind.DOWN && b.kind() == FaultKind.DOWN) {
            return overlap
                    && (a.target().equals(b.target())
                            || a.target().startsWith(b.target())
                            || b.target().startsWith(a.target()));
        }
        return false;
    }

    private static boolean validTimes(ScheduledFault f) {
        return f.until() == null || f.until().compareTo(f.at()) > 0;
    }

    private static List<String> expand(String target) {
        return target.equals("nats") ? List.of("nats-1", "nats-2", "nats-3") : List.of(target);
    }

    @Test
    void overlappingToxicsOnOneLinkAndAKillBesideThemAreAccepted() {
        List<ScheduledFault> faults = List.of(
                new ScheduledFault(
                        0,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(40),
                        FaultKind.LATENCY,
                        "command -> nats",
                        Map.of("latency", "200ms", "jitter", "50ms")),
                new ScheduledFault(
                        1,
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(30),
                        FaultKind.BANDWIDTH,
                        "command -> nats",
                        Map.of("rate", "64")),
                new ScheduledFault(
                        2, Duration.ofSeconds(15), Duration.ofSeconds(25), FaultKind.KILL, "nats-2", Map.of()));
        assertThat(FaultSchedule.of(faults, TARGETS, WORKLOAD).faults()).hasSize(3);
    }

    @Test
    void aPauseOfANodeInsideAKillOfEveryNodeIsRefused() {
        List<ScheduledFault> faults = List.of(
                new ScheduledFault(0, Duration.ofSeconds(10), Duration.ofSeconds(40), FaultKind.KILL, "nats", Map.of()),
                new ScheduledFault(
                        1, Duration.ofSeconds(20), Duration.ofSeconds(30), FaultKind.PAUSE, "nats-2", Map.of()));
        assertThatThrownBy(() -> FaultSchedule.of(faults, TARGETS, WORKLOAD))
                .hasMessageContaining("faults[1].target: overlaps faults[0] (kill on nats from 10s to 40s)");
    }

    @Test
    void targetsParametersAndTheWorkloadsEndAreChecked() {
        List<ScheduledFault> faults = List.of(
                new ScheduledFault(
                        0, Duration.ofSeconds(10), Duration.ofSeconds(20), FaultKind.KILL, "notification-3", Map.of()),
                new ScheduledFault(
                        1,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        FaultKind.LATENCY,
                        "command -> nats",
                        Map.of("latency", "fast", "colour", "red")),
                new ScheduledFault(
                        2, Duration.ofSeconds(10), Duration.ofSeconds(20), FaultKind.DOWN, "nats-1", Map.of()),
                new ScheduledFault(
                        3, Duration.ofSeconds(190), Duration.ofSeconds(210), FaultKind.PAUSE, "fanout-1", Map.of()),
                new ScheduledFault(
                        4,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        FaultKind.BANDWIDTH,
                        "query -> mongo",
                        Map.of()));
        List<String> problems = FaultSchedule.check(faults, TARGETS, WORKLOAD).stream()
                .map(p -> p.index() + " " + p.field() + ": " + p.message())
                .toList();
        assertThat(problems).anyMatch(p -> p.startsWith("0 target: expected a component of this stack"));
        assertThat(problems).anyMatch(p -> p.startsWith("1 parameters.latency: expected a duration"));
        assertThat(problems).anyMatch(p -> p.startsWith("1 parameters.colour: unknown parameter of a latency fault"));
        assertThat(problems)
                .anyMatch(p -> p.startsWith("2 target: expected a link of this stack")
                        && p.endsWith("a component takes process faults only"));
        assertThat(problems).anyMatch(p -> p.startsWith("3 until: ends at 3m30s, after the workload"));
        assertThat(problems).anyMatch(p -> p.startsWith("4 parameters.rate: is required for a bandwidth fault"));
        assertThat(problems).hasSize(6);
    }

    @Test
    void aWipeAndRebuildTargetsAWipeableStoreAndLastsUntilTheRebuild() {
        List<ScheduledFault> faults = List.of(
                new ScheduledFault(
                        0, Duration.ofSeconds(10), null, FaultKind.WIPE_AND_REBUILD, "elasticsearch", Map.of()),
                new ScheduledFault(1, Duration.ofSeconds(20), null, FaultKind.WIPE_AND_REBUILD, "cassandra", Map.of()),
                new ScheduledFault(2, Duration.ofSeconds(30), null, FaultKind.WIPE_AND_REBUILD, "mongo", Map.of()),
                new ScheduledFault(
                        3,
                        Duration.ofSeconds(40),
                        Duration.ofSeconds(50),
                        FaultKind.WIPE_AND_REBUILD,
                        "elasticsearch",
                        Map.of()),
                new ScheduledFault(
                        4,
                        Duration.ofSeconds(60),
                        null,
                        FaultKind.WIPE_AND_REBUILD,
                        "cassandra",
                        Map.of("store", "cassandra")));
        List<String> problems = FaultSchedule.check(faults, TARGETS, WORKLOAD).stream()
                .map(p -> p.index() + " " + p.field() + ": " + p.message())
                .toList();
        assertThat(problems)
                .containsExactly(
                        "2 target: expected a read store a wipe-and-rebuild fault can wipe (elasticsearch, cassandra), got 'mongo'",
                        "3 duration: not allowed for a wipe-and-rebuild: it lasts until the store is rebuilt",
                        "4 parameters.store: a wipe-and-rebuild fault takes no parameters");
        assertThat(ToxicSpec.of(faults.get(0))).isEmpty();
    }

    @Test
    void toxicsAreMadeInMillisecondsOnePerDirection() {
        ScheduledFault both = new ScheduledFault(
                7,
                Duration.ZERO,
                Duration.ofSeconds(5),
                FaultKind.LATENCY,
                "command -> nats",
                Map.of("latency", "2s", "jitter", "250ms", "direction", "both", "toxicity", "0.5"));
        assertThat(ToxicSpec.of(both))
                .containsExactly(
                        new ToxicSpec(
                                "chorus-fault-7-downstream",
                                "latency",
                                "downstream",
                                0.5,
                                Map.of("latency", 2000L, "jitter", 250L)),
                        new ToxicSpec(
                                "chorus-fault-7-upstream",
                                "latency",
                                "upstream",
                                0.5,
                                Map.of("latency", 2000L, "jitter", 250L)));
        ScheduledFault reset = new ScheduledFault(
                8, Duration.ZERO, Duration.ofSeconds(5), FaultKind.RESET_PEER, "message-writer -> cassandra", Map.of());
        assertThat(ToxicSpec.of(reset))
                .extracting(ToxicSpec::type, ToxicSpec::stream, ToxicSpec::attributes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("reset_peer", "downstream", Map.of("timeout", 0L)));
    }

    @Test
    void everyLinkOfTheStackAndEachOfItsProxiesIsATarget() {
        assertThat(TARGETS.proxies("command -> nats"))
                .contains(List.of("command->nats-1", "command->nats-2", "command->nats-3"));
        assertThat(TARGETS.proxies("command->nats-2")).contains(List.of("command->nats-2"));
        assertThat(TARGETS.proxies("message-writer -> cassandra")).contains(List.of("message-writer->cassandra-1"));
        assertThat(TARGETS.components("nats")).contains(List.of("nats-1", "nats-2", "nats-3"));
        assertThat(TARGETS.components("toxiproxy")).isEmpty();
    }

    @Test
    void aReceiverFaultNamesAReceiverAndTakesItsOwnParameters() {
        List<FaultSchedule.Problem> problems = FaultSchedule.check(
                List.of(
                        webhook(0, FaultKind.WEBHOOK_ERROR, "hook-3", Map.of("status", "503"), 10, 20),
                        webhook(1, FaultKind.WEBHOOK_ERROR, "nats-1", Map.of(), 10, 20),
                        webhook(2, FaultKind.WEBHOOK_ERROR, "hook-4", Map.of("status", "204"), 10, 20),
                        webhook(3, FaultKind.WEBHOOK_SLOW, "hook-5", Map.of(), 10, 20),
                        webhook(4, FaultKind.WEBHOOK_THROTTLE, "hook-6", Map.of("retryAfter", "2s"), 10, 20),
                        webhook(5, FaultKind.WEBHOOK_DOWN, "hook-3", Map.of(), 15, 30),
                        webhook(6, FaultKind.WEBHOOK_GONE, "hook-7", Map.of(), 20, 30)),
                TARGETS,
                WORKLOAD);
        assertThat(problems)
                .extracting(p -> p.index() + " " + p.field())
                .containsExactlyInAnyOrder("1 target", "2 parameters.status", "3 parameters.delay", "5 target");
        assertThat(problems)
                .filteredOn(p -> p.index() == 5)
                .allMatch(p -> p.message().contains("overlaps faults[0]"));
    }

    private static ScheduledFault webhook(
            int index, FaultKind kind, String target, Map<String, String> parameters, int at, int until) {
        return new ScheduledFault(index, Duration.ofSeconds(at), Duration.ofSeconds(until), kind, target, parameters);
    }

    @Test
    void everyInstanceOfAScaledStackAndItsGatewayAreTargetsAndAStackWithoutAGatewayHasNone() {
        StackShape scaled = new StackShape(3, 1, 3, 3, null, StackShape.PROXIED).withInstances(2, 2, 2, 2, 2);
        FaultTargets targets = FaultTargets.of(scaled);

        for (String instance :
                List.of("command-2", "query-2", "message-writer-2", "meta-writer-2", "search-indexer-2", "fanout-3")) {
            assertThat(targets.components(instance)).contains(List.of(instance));
        }
        assertThat(targets.components("gateway")).contains(List.of("gateway"));
        assertThat(targets.components("command-3")).isEmpty();
        assertThat(targets.proxies("command-2 -> nats"))
                .contains(List.of("command-2->nats-1", "command-2->nats-2", "command-2->nats-3"));
        assertThat(targets.proxies("message-writer-2 -> cassandra")).contains(List.of("message-writer-2->cassandra-1"));

        FaultSchedule kills = FaultSchedule.of(
                List.of(
                        new ScheduledFault(
                                0,
                                Duration.ofSeconds(10),
                                Duration.ofSeconds(20),
                                FaultKind.KILL,
                                "command-2",
                                Map.of()),
                        new ScheduledFault(
                                1,
                                Duration.ofSeconds(30),
                                Duration.ofSeconds(40),
                                FaultKind.KILL,
                                "message-writer-2",
                                Map.of()),
                        new ScheduledFault(
                                2,
                                Duration.ofSeconds(50),
                                Duration.ofSeconds(60),
                                FaultKind.PAUSE,
                                "gateway",
                                Map.of())),
                targets,
                WORKLOAD);
        assertThat(kills.faults())
                .extracting(ScheduledFault::target)
                .containsExactly("command-2", "message-writer-2", "gateway");

        StackShape bare = new StackShape(3, 1, 1, 2, null, StackShape.PROXIED, null, false);
        assertThat(FaultTargets.of(bare).components("gateway")).isEmpty();
        assertThatThrownBy(() -> FaultSchedule.of(
                        List.of(new ScheduledFault(
                                0,
                                Duration.ofSeconds(10),
                                Duration.ofSeconds(20),
                                FaultKind.KILL,
                                "gateway",
                                Map.of())),
                        FaultTargets.of(bare),
                        WORKLOAD))
                .hasMessageContaining("gateway");
    }
}
