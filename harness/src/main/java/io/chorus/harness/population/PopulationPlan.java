package io.chorus.harness.population;

import io.chorus.harness.checker.Roster;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.scenario.MembershipShape.BusyUsers;
import io.chorus.harness.scenario.MembershipShape.LargeChannels;
import io.chorus.harness.scenario.MembershipShape.RandomSpread;
import io.chorus.harness.scenario.PopulationSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * The population a scenario describes, made concrete and deterministic from the seed: user {@code i} is
 * {@code u<i>}, channel {@code k} of group {@code g} is {@code g-<k>}, and every membership is a pure function of
 * (seed, group, channel), so the seeder, the workload and the checker agree without sharing state. Nothing is held
 * in memory per membership: a 1M-member channel is streamed.
 */
public final class PopulationPlan {
    private final PopulationSpec spec;
    private final long seed;

    public PopulationPlan(PopulationSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
    }

    public long users() {
        return spec.users();
    }

    public List<MembershipShape> shapes() {
        return spec.shapes();
    }

    /** The scenario's seed: the workload draws its choices from it too. */
    public long seed() {
        return seed;
    }

    public static String user(long index) {
        return "u" + index;
    }

    public static String channel(String group, long index) {
        return group + "-" + index;
    }

    public MembershipShape shape(String group) {
        return spec.shapes().stream()
                .filter(s -> s.group().equals(group))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no group " + group));
    }

    /** Calls {@code member} with the index of every member of channel {@code index} of {@code group}. */
    public void forEachMember(String group, long index, LongConsumer member) {
        MembershipShape shape = shape(group);
        if (shape instanceof LargeChannels large) {
            for (long u = 0; u < large.members(); u++) {
                member.accept(u);
            }
        } else if (shape instanceof BusyUsers busy) {
            long owner = index / busy.channelsPerUser();
            member.accept(owner);
            randomOthers(group, index, busy.otherMembers(), Set.of(owner)).forEach(member::accept);
        } else if (shape instanceof RandomSpread spread) {
            SplittableRandom random = random(group, index);
            long size = spread.minMembers() + random.nextLong(spread.maxMembers() - spread.minMembers() + 1);
            randomOthers(group, index, size, Set.of()).forEach(member::accept);
        }
    }

    /**
     * The first member of channel {@code index} of {@code group}, in {@link #forEachMember} order: the channel's
     * creator when it is seeded (so the owner is a member the plan knows), and a member who may read its history.
     */
    public long firstMember(String group, long index) {
        if (shape(group) instanceof LargeChannels) {
            return 0; // without streaming a million members
        }
        long[] first = {-1};
        forEachMember(group, index, u -> {
            if (first[0] < 0) {
                first[0] = u;
            }
        });
        return first[0];
    }

    /** {@code count} distinct users drawn for one channel, never one of {@code excluded}. */
    private Set<Long> randomOthers(String group, long index, long count, Set<Long> excluded) {
        long available = spec.users() - excluded.size();
        long wanted = Math.min(count, available);
        SplittableRandom random = random(group, index ^ 0x5DEECE66DL);
        Set<Long> chosen = new LinkedHashSet<>();
        while (chosen.size() < wanted) {
            long u = random.nextLong(spec.users());
            if (!excluded.contains(u)) {
                chosen.add(u);
            }
        }
        return chosen;
    }

    private SplittableRandom random(String group, long index) {
        return new SplittableRandom(seed * 31 + group.hashCode() * 1_000_003L + index);
    }

    /**
     * The online users: {@code count} distinct users drawn (deterministically) from the members of the given
     * groups, or from every user when no group is given. The users of a {@code busy-users} group are taken
     * first, since being online while in 100K channels is what such a group is for.
     */
    public List<String> onlineUsers(long count, List<String> membersOf) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x0DDBA11L);
        Set<Long> chosen = new LinkedHashSet<>();
        if (membersOf.isEmpty()) {
            while (chosen.size() < Math.min(count, spec.users())) {
                chosen.add(random.nextLong(spec.users()));
            }
        } else {
            Set<Long> members = new HashSet<>();
            for (String group : membersOf) {
                MembershipShape shape = shape(group);
                if (shape instanceof BusyUsers busy) {
                    // the busy users are the point of the group: they come first
                    for (long u = 0; u < busy.users(); u++) {
                        members.add(u);
                    }
                }
                for (long c = 0; c < shape.channels() && members.size() < count * 4; c++) {
                    forEachMember(group, c, members::add);
                }
            }
            List<Long> pool = new ArrayList<>(members);
            pool.sort(Long::compare);
            List<Long> busy = busyUsers(membersOf);
            for (int i = 0; i < busy.size() && chosen.size() < count; i++) {
                chosen.add(busy.get(i));
            }
            while (chosen.size() < Math.min(count, pool.size())) {
                chosen.add(pool.get(random.nextInt(pool.size())));
            }
        }
        return chosen.stream().map(PopulationPlan::user).toList();
    }

    private List<Long> busyUsers(List<String> groups) {
        List<Long> busy = new ArrayList<>();
        for (String group : groups) {
            if (shape(group) instanceof BusyUsers b) {
                for (long u = 0; u < b.users(); u++) {
                    busy.add(u);
                }
            }
        }
        return busy;
    }

    /** Which channels each of the given users is a member of: the checker's {@link Roster}. */
    public Roster roster(List<String> users) {
        Map<Long, Set<String>> byIndex = new HashMap<>();
        for (String u : users) {
            byIndex.put(Long.parseLong(u.substring(1)), new HashSet<>());
        }
        for (MembershipShape shape : spec.shapes()) {
            for (long c = 0; c < shape.channels(); c++) {
                String channel = channel(shape.group(), c);
                forEachMember(shape.group(), c, u -> {
                    Set<String> channels = byIndex.get(u);
                    if (channels != null) {
                        channels.add(channel);
                    }
                });
            }
        }
        Map<String, Set<String>> byUser = new HashMap<>();
        byIndex.forEach((u, channels) -> byUser.put(user(u), channels));
        return new Roster(byUser);
    }
}
