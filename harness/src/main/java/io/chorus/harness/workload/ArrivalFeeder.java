package io.chorus.harness.workload;

import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.scenario.MembershipShape.LargeChannels;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.scenario.Phase.RateStep;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The arrivals of one phase, in schedule order: step after step, send {@code i} of a step due at its
 * {@link ArrivalSchedule} time. Each goes to a channel drawn uniformly from the phase's groups, from a member of that
 * channel (as {@link PopulationPlan} defines membership), with a text whose length is uniform in the phase's message
 * size. A pure function of (plan, phase, seed, start): no clock, no network.
 */
public final class ArrivalFeeder {
    private static final char[] LETTERS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789     ".toCharArray();
    private static final int MEMBER_CACHE = 10_000;

    private final PopulationPlan plan;
    private final Phase phase;
    private final String idPrefix;
    private final long seed;
    private final List<MembershipShape> groups = new ArrayList<>();
    private final long channels;
    /** members of recently used channels, so a small channel's membership is not rebuilt at every send */
    private final Map<String, long[]> members = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MEMBER_CACHE;
        }
    };

    /**
     * @param idPrefix starts every {@code clientMsgId} of the phase: unique per run and phase, so that a later run
     *                 against the same stack is never taken for a retry (the idempotency window)
     */
    public ArrivalFeeder(PopulationPlan plan, Phase phase, String idPrefix, long seed) {
        this.plan = plan;
        this.phase = phase;
        this.idPrefix = idPrefix;
        this.seed = seed;
        long total = 0;
        for (String group : phase.channels()) {
            MembershipShape shape = plan.shape(group);
            groups.add(shape);
            total += shape.channels();
        }
        if (total == 0) {
            throw new IllegalArgumentException("phase " + phase.name() + " names no channel to send to");
        }
        this.channels = total;
    }

    /** Every send of the phase: the sum of its steps' {@link ArrivalSchedule#count()}. */
    public long total() {
        return schedules(0).stream().mapToLong(ArrivalSchedule::count).sum();
    }

    /** The schedule of each step when the phase starts at {@code startMicros}: step k starts when step k-1 ends. */
    public List<ArrivalSchedule> schedules(long startMicros) {
        List<ArrivalSchedule> schedules = new ArrayList<>();
        long start = startMicros;
        for (RateStep step : phase.steps()) {
            ArrivalSchedule schedule = new ArrivalSchedule(start, step);
            schedules.add(schedule);
            start = schedule.endMicros();
        }
        return schedules;
    }

    /** The arrivals of a phase that starts at {@code startMicros}, each due at its schedule's time. */
    public Iterator<Arrival> from(long startMicros) {
        List<ArrivalSchedule> schedules = schedules(startMicros);
        return from(startMicros, (step, index) -> schedules.get(step).intended(index));
    }

    /**
     * The arrivals of a phase that starts at {@code startMicros}, each due when {@code dueAt} says: a driver whose
     * injector has its own timetable (Gatling's is cut into whole seconds at millisecond resolution) passes that
     * timetable, so that each arrival's intended time is the moment the driver was told to send it.
     */
    public Iterator<Arrival> from(long startMicros, DueTimes dueAt) {
        List<ArrivalSchedule> schedules = schedules(startMicros);
        SplittableRandom random =
                new SplittableRandom(seed * 0x9E3779B97F4A7C15L + phase.name().hashCode());
        return new Iterator<>() {
            private int step;
            private long index;

            @Override
            public boolean hasNext() {
                while (step < schedules.size() && index >= schedules.get(step).count()) {
                    step++;
                    index = 0;
                }
                return step < schedules.size();
            }

            @Override
            public Arrival next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("phase " + phase.name() + " has " + total() + " sends");
                }
                Arrival arrival = arrival(step, index, dueAt.intended(step, index), random);
                index++;
                return arrival;
            }
        };
    }

    /** When send {@code index} of step {@code step} is due, in epoch microseconds; asked once per send, in order. */
    @FunctionalInterface
    public interface DueTimes {
        long intended(int step, long index);
    }

    private Arrival arrival(int step, long index, long intended, SplittableRandom random) {
        MembershipShape shape = null;
        long pick;
        if (phase.pick() == Phase.Pick.GROUPS) {
            shape = groups.get(random.nextInt(groups.size()));
            pick = random.nextLong(shape.channels());
        } else {
            pick = random.nextLong(channels);
            for (MembershipShape candidate : groups) {
                if (pick < candidate.channels()) {
                    shape = candidate;
                    break;
                }
                pick -= candidate.channels();
            }
        }
        String channel = PopulationPlan.channel(shape.group(), pick);
        String sender = PopulationPlan.user(member(shape, pick, channel, random));
        int size = phase.messageSize().min()
                + random.nextInt(phase.messageSize().max() - phase.messageSize().min() + 1);
        return new Arrival(
                step, index, idPrefix + "-" + step + "-" + index, channel, sender, intended, text(size, random));
    }

    private long member(MembershipShape shape, long channelIndex, String channel, SplittableRandom random) {
        if (shape instanceof LargeChannels large) {
            return random.nextLong(large.members()); // its members are users 0..members-1: no need to list them
        }
        long[] list = members.computeIfAbsent(channel, c -> {
            List<Long> all = new ArrayList<>();
            plan.forEachMember(shape.group(), channelIndex, all::add);
            return all.stream().mapToLong(Long::longValue).toArray();
        });
        if (list.length == 0) {
            throw new IllegalStateException("channel " + channel + " has no member to send from");
        }
        return list[random.nextInt(list.length)];
    }

    private static String text(int size, SplittableRandom random) {
        char[] text = new char[Math.max(1, size)];
        for (int i = 0; i < text.length; i++) {
            text[i] = LETTERS[random.nextInt(LETTERS.length)];
        }
        text[0] = 'm'; // never all blanks: the command API refuses a blank text
        return new String(text);
    }
}
