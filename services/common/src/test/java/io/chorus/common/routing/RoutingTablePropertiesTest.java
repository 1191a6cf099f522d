package io.chorus.common.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Random connect / disconnect / join / leave sequences over several notification instances and fan-out
 * partitions: every instance's reference counts and every partition's routing table equal a brute-force model
 * computed from scratch, also when deltas are lost (healed by the gap check and the heartbeat's sequence check).
 */
class RoutingTablePropertiesTest {
    private static final int INSTANCES = 3;
    private static final int PARTITIONS = 2;
    private static final int USERS = 6;
    private static final int CHANNELS = 8;

    @Test
    void referenceCountsAndRoutesEqualTheBruteForceModel() {
        qt().withExamples(400)
                .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 150))
                .checkAssert(ops -> new World(0).run(ops, true));
    }

    @Test
    void lostDeltasAreHealedByReannounce() {
        qt().withExamples(400)
                .forAll(
                        lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 150),
                        integers().between(1, 1_000))
                .checkAssert((ops, seed) -> new World(seed).run(ops, false));
    }

    @Test
    void aHundredThousandChannelUserIsAnnouncedInChunksThatRebuildTheTable() {
        LocalIndex<String> index = new LocalIndex<>();
        DeltaSequencer sequencer = new DeltaSequencer("n1", PARTITIONS);
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            channels.add("c" + i);
        }
        List<InterestDelta> deltas = sequencer.deltas(index.connect("s1", "u1", channels));
        assertThat(deltas)
                .allSatisfy(d -> assertThat(d.gained().size()).isLessThanOrEqualTo(DeltaSequencer.MAX_CHANNELS));
        RoutingTable[] tables = {new RoutingTable(), new RoutingTable()};
        deltas.forEach(d -> assertThat(tables[d.partition()].apply(d)).isEqualTo(RoutingTable.Applied.IN_ORDER));
        assertThat(tables[0].channelCount() + tables[1].channelCount()).isEqualTo(100_000);

        sequencer.deltas(index.disconnect("s1")).forEach(d -> tables[d.partition()].apply(d));
        assertThat(tables[0].channelCount() + tables[1].channelCount()).isZero();
    }

    /** Instances with their index and sequencer, partitions with their table, and the plain-set model. */
    private static final class World {
        final List<LocalIndex<Integer>> indexes = new ArrayList<>();
        final List<DeltaSequencer> sequencers = new ArrayList<>();
        final RoutingTable[] tables = new RoutingTable[PARTITIONS];
        final Map<Integer, Set<Integer>> memberOf = new HashMap<>(); // user -> channels
        final Map<Integer, int[]> sessions = new HashMap<>(); // session -> {user, instance}
        final Random drops;
        int nextSession;

        World(int seed) {
            drops = new Random(seed);
            for (int i = 0; i < INSTANCES; i++) {
                indexes.add(new LocalIndex<>());
                sequencers.add(new DeltaSequencer("n" + i, PARTITIONS));
            }
            for (int p = 0; p < PARTITIONS; p++) {
                tables[p] = new RoutingTable();
            }
            for (int u = 0; u < USERS; u++) {
                memberOf.put(u, new HashSet<>());
            }
        }

        void run(List<Integer> ops, boolean reliable) {
            for (int op : ops) {
                step(op, reliable);
                checkReferenceCounts();
                if (reliable) {
                    checkRoutes();
                }
            }
            heartbeatCheck();
            checkRoutes();
        }

        void step(int op, boolean reliable) {
            int user = (op >>> 3) % USERS;
            int instance = (op >>> 6) % INSTANCES;
            int channel = (op >>> 9) % CHANNELS;
            switch (op & 3) {
                case 0 -> {
                    int session = nextSession++;
                    sessions.put(session, new int[] {user, instance});
                    announce(
                            instance,
                            indexes.get(instance)
                                    .connect(
                                            session,
                                            "u" + user,
                                            memberOf.get(user).stream()
                                                    .map(c -> "c" + c)
                                                    .toList()),
                            reliable);
                }
                case 1 -> {
                    if (sessions.isEmpty()) {
                        return;
                    }
                    List<Integer> live = new ArrayList<>(new TreeSet<>(sessions.keySet()));
                    int session = live.get((op >>> 12) % live.size());
                    int at = sessions.remove(session)[1];
                    announce(at, indexes.get(at).disconnect(session), reliable);
                }
                case 2 -> {
                    memberOf.get(user).add(channel);
                    for (int i = 0; i < INSTANCES; i++) {
                        announce(i, indexes.get(i).join("u" + user, "c" + channel), reliable);
                    }
                }
                default -> {
                    memberOf.get(user).remove(channel);
                    for (int i = 0; i < INSTANCES; i++) {
                        announce(i, indexes.get(i).leave("u" + user, "c" + channel), reliable);
                    }
                }
            }
        }

        void announce(int instance, LocalIndex.Change change, boolean reliable) {
            for (InterestDelta delta : sequencers.get(instance).deltas(change)) {
                if (!reliable && drops.nextInt(5) == 0) {
                    continue; // lost on the way
                }
                if (tables[delta.partition()].apply(delta) == RoutingTable.Applied.GAP) {
                    reannounce(instance, delta.partition());
                }
            }
        }

        void reannounce(int instance, int partition) {
            for (InterestDelta d : sequencers
                    .get(instance)
                    .reannounce(partition, indexes.get(instance).channels())) {
                tables[partition].apply(d);
            }
        }

        /** What the fan-out does with each heartbeat: a sequence number ahead of the table's means a lost delta. */
        void heartbeatCheck() {
            for (int i = 0; i < INSTANCES; i++) {
                for (int p = 0; p < PARTITIONS; p++) {
                    if (tables[p].lastSeq("n" + i) < sequencers.get(i).lastSeq(p)) {
                        reannounce(i, p);
                    }
                }
            }
        }

        int modelRefs(int instance, int channel) {
            return (int) sessions.values().stream()
                    .filter(s -> s[1] == instance && memberOf.get(s[0]).contains(channel))
                    .count();
        }

        void checkReferenceCounts() {
            for (int i = 0; i < INSTANCES; i++) {
                for (int c = 0; c < CHANNELS; c++) {
                    assertThat(indexes.get(i).refs("c" + c))
                            .as("refs of c%d on n%d", c, i)
                            .isEqualTo(modelRefs(i, c));
                }
            }
        }

        void checkRoutes() {
            for (int c = 0; c < CHANNELS; c++) {
                Set<String> expected = new HashSet<>();
                for (int i = 0; i < INSTANCES; i++) {
                    if (modelRefs(i, c) > 0) {
                        expected.add("n" + i);
                    }
                }
                RoutingTable table = tables[ChannelPartitioner.partition("c" + c, PARTITIONS)];
                assertThat(table.instancesFor("c" + c)).as("routes of c%d", c).isEqualTo(expected);
                RoutingTable other = tables[1 - ChannelPartitioner.partition("c" + c, PARTITIONS)];
                assertThat(other.instancesFor("c" + c))
                        .as("c%d in the other partition", c)
                        .isEmpty();
            }
        }
    }
}
