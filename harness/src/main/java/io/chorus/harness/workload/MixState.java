package io.chorus.harness.workload;

import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.scenario.MembershipShape.LargeChannels;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the mix of a run acts on, kept across its phases (thread-safe): the online users and the channels the
 * population made them members of, the messages their history reads returned (so an edit, a delete, a reaction or a
 * read mark targets a real message, as its author or its reader), the channels the mix made users join and not yet
 * leave, and which reactions and read marks were made, for the reads that verify them after the load.
 */
public final class MixState {
    /** Messages kept to act on: the newest few thousand the reads returned, a random one replaced when full. */
    static final int POOL = 5_000;
    /** Reactions and read marks verified after the load, at most. */
    static final int VERIFIED = 100;
    /** How long a joined channel is kept before the mix leaves it: time for the join to reach the user's socket. */
    static final long JOINED_FOR_MICROS = 5_000_000;

    /** A user in a channel. */
    public record Seat(String user, String channel) {}

    /** A join the mix may make: {@code owner} (the channel's creator) adds {@code user}. */
    public record Join(String owner, String user, String channel) {}

    /** A message a history read returned, with the member that read it. */
    public record Seen(String channel, String messageId, String author, String reader, String text) {
        /** A word of the text to search for (at least 3 characters), or the text's start. */
        String word(SplittableRandom r) {
            String[] words = text.trim().split("\\s+");
            List<String> usable = new ArrayList<>();
            for (String w : words) {
                if (w.length() >= 3) {
                    usable.add(w);
                }
            }
            return usable.isEmpty()
                    ? text.substring(0, Math.min(3, text.length()))
                    : usable.get(r.nextInt(usable.size()));
        }
    }

    /** A reaction the mix added: the message, who reacted, with which emoji. */
    public record Reacted(Seen message, String emoji) {}

    private final PopulationPlan plan;
    private final Seeder.Seeded users;
    private final Map<String, List<String>> channelsByUser;
    private final List<String> seated;
    private final List<Seen> pool = new ArrayList<>();
    private final Set<String> deleted = new HashSet<>();
    private final ArrayDeque<Joined> joined = new ArrayDeque<>();
    private final Set<Seat> joinedSeats = new HashSet<>();
    private final List<Reacted> reactions = new ArrayList<>();
    private final Set<Seat> marks = new LinkedHashSet<>();

    private record Joined(Seat seat, long at) {}

    /** @param channelsByUser each online user's channels, by the population (the checker's roster) */
    public MixState(PopulationPlan plan, Seeder.Seeded users, Map<String, ? extends Set<String>> channelsByUser) {
        this.plan = plan;
        this.users = users;
        Map<String, List<String>> sorted = new java.util.TreeMap<>();
        channelsByUser.forEach((u, cs) -> sorted.put(u, cs.stream().sorted().toList()));
        this.channelsByUser = sorted;
        this.seated = sorted.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .toList();
    }

    long seed() {
        return plan.seed();
    }

    String token(String user) {
        return users.tokenFor(user);
    }

    /** An online user, or null when nobody is online. */
    String onlineUser(SplittableRandom r) {
        return seated.isEmpty() ? null : seated.get(r.nextInt(seated.size()));
    }

    /** An online user and one of its channels by the population, or null. */
    Seat seat(SplittableRandom r) {
        String user = onlineUser(r);
        if (user == null) {
            return null;
        }
        List<String> channels = channelsByUser.get(user);
        return new Seat(user, channels.get(r.nextInt(channels.size())));
    }

    synchronized void offer(Seen seen) {
        if (deleted.contains(seen.messageId())) {
            return;
        }
        if (pool.size() < POOL) {
            pool.add(seen);
        } else {
            pool.set(Math.floorMod(seen.messageId().hashCode(), POOL), seen);
        }
    }

    /** A message of the pool (taken out of it and never offered again when {@code delete}), or null. */
    synchronized Seen message(SplittableRandom r, boolean delete) {
        if (pool.isEmpty()) {
            return null;
        }
        int i = r.nextInt(pool.size());
        Seen seen = pool.get(i);
        if (delete) {
            pool.set(i, pool.get(pool.size() - 1));
            pool.remove(pool.size() - 1);
            pool.removeIf(s -> s.messageId().equals(seen.messageId()));
            deleted.add(seen.messageId());
        }
        return seen;
    }

    synchronized void reacted(Seen message, String emoji) {
        if (reactions.size() < VERIFIED) {
            reactions.add(new Reacted(message, emoji));
        }
    }

    synchronized void marked(String user, String channel) {
        if (marks.size() < VERIFIED) {
            marks.add(new Seat(user, channel));
        }
    }

    synchronized List<Reacted> reactions() {
        return List.copyOf(reactions);
    }

    synchronized List<Seat> marks() {
        return List.copyOf(marks);
    }

    /** A channel the mix joined at least {@link #JOINED_FOR_MICROS} before {@code now}, taken to be left. */
    synchronized Optional<Seat> takeJoined(long now) {
        Joined first = joined.peekFirst();
        if (first == null || now - first.at() < JOINED_FOR_MICROS) {
            return Optional.empty();
        }
        joined.pollFirst();
        joinedSeats.remove(first.seat());
        return Optional.of(first.seat());
    }

    synchronized void joined(Seat seat, long at) {
        if (joinedSeats.add(seat)) {
            joined.addLast(new Joined(seat, at));
        }
    }

    /**
     * An online user and a channel of a group it is not in (by the population, nor joined by the mix), with the
     * channel's creator to add it; null when none was found in a few draws (large-channel groups are left out: every
     * user is in them).
     */
    synchronized Join joinable(SplittableRandom r) {
        List<MembershipShape> shapes = plan.shapes().stream()
                .filter(s -> !(s instanceof LargeChannels) && s.channels() > 0)
                .toList();
        if (shapes.isEmpty() || seated.isEmpty()) {
            return null;
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            String user = seated.get(r.nextInt(seated.size()));
            MembershipShape shape = shapes.get(r.nextInt(shapes.size()));
            long index = r.nextLong(shape.channels());
            String channel = PopulationPlan.channel(shape.group(), index);
            Seat seat = new Seat(user, channel);
            if (!channelsByUser.get(user).contains(channel) && !joinedSeats.contains(seat)) {
                String owner = PopulationPlan.user(plan.firstMember(shape.group(), index));
                if (!owner.equals(user)) {
                    return new Join(owner, user, channel);
                }
            }
        }
        return null;
    }
}
