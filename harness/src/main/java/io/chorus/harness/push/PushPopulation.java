package io.chorus.harness.push;

import io.chorus.common.events.DirectChannels;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.scenario.MembershipShape;
import io.chorus.harness.scenario.PushSpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The phones of a scenario with push, made concrete from its seed: which users have a device, on which provider,
 * with which token, who of them never connects, whose token the provider no longer knows, and the conversations
 * that address them (a direct message from one other user, mentions in the channels they are a member of).
 * No network: the run registers, connects and sends what this decides.
 */
public final class PushPopulation {
    /** At most this many channels per device user are kept as places to mention them. */
    static final int CHANNELS_PER_USER = 3;

    /** One registered device: its user, {@code apns} or {@code fcm}, its token, and what the run does with it. */
    public record Device(String user, String platform, String token, boolean offline, boolean expired) {}

    /** A message from {@code author} in {@code channel} that addresses {@code user}. */
    public record Conversation(String author, String user, String channel) {}

    private final List<Device> devices;
    private final List<Conversation> directs;
    private final List<Conversation> mentions;

    private PushPopulation(List<Device> devices, List<Conversation> directs, List<Conversation> mentions) {
        this.devices = List.copyOf(devices);
        this.directs = List.copyOf(directs);
        this.mentions = List.copyOf(mentions);
    }

    public static PushPopulation of(PopulationPlan plan, PushSpec spec) {
        SplittableRandom random = new SplittableRandom(plan.seed() ^ 0x7075736868L);
        long count = Math.max(1, Math.min(plan.users(), Math.round(plan.users() * spec.devices())));
        Set<Long> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            chosen.add(random.nextLong(plan.users()));
        }
        List<Device> devices = new ArrayList<>();
        List<Conversation> directs = new ArrayList<>();
        for (long u : chosen) {
            String user = PopulationPlan.user(u);
            boolean apns = random.nextDouble() < spec.apns();
            devices.add(new Device(
                    user,
                    apns ? "apns" : "fcm",
                    token(apns, random),
                    random.nextDouble() < spec.offline(),
                    random.nextDouble() < spec.expired()));
            if (plan.users() > 1) {
                long other = random.nextLong(plan.users() - 1);
                String author = PopulationPlan.user(other >= u ? other + 1 : other);
                directs.add(new Conversation(author, user, DirectChannels.id(author, user)));
            }
        }
        return new PushPopulation(devices, directs, mentions(plan, chosen, random));
    }

    /** An APNs token is 64 hex digits (the fake checks it was allowed); an FCM token is any opaque string. */
    private static String token(boolean apns, SplittableRandom random) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        String hex = HexFormat.of().formatHex(bytes);
        return apns ? hex : "fcm:" + hex;
    }

    /** For each device user, up to {@value #CHANNELS_PER_USER} channels of theirs, each with another member as author. */
    private static List<Conversation> mentions(PopulationPlan plan, Set<Long> users, SplittableRandom random) {
        Map<Long, Integer> places = new LinkedHashMap<>();
        List<Conversation> mentions = new ArrayList<>();
        for (MembershipShape shape : plan.shapes()) {
            for (long c = 0; c < shape.channels() && mentions.size() < users.size() * CHANNELS_PER_USER; c++) {
                List<Long> members = new ArrayList<>();
                plan.forEachMember(shape.group(), c, members::add);
                if (members.size() < 2) {
                    continue;
                }
                for (long member : members) {
                    if (!users.contains(member) || places.getOrDefault(member, 0) >= CHANNELS_PER_USER) {
                        continue;
                    }
                    long author = member;
                    while (author == member) {
                        author = members.get(random.nextInt(members.size()));
                    }
                    places.merge(member, 1, Integer::sum);
                    mentions.add(new Conversation(
                            PopulationPlan.user(author),
                            PopulationPlan.user(member),
                            PopulationPlan.channel(shape.group(), c)));
                }
            }
        }
        return mentions;
    }

    public List<Device> devices() {
        return devices;
    }

    public List<Conversation> directs() {
        return directs;
    }

    public List<Conversation> mentions() {
        return mentions;
    }

    /**
     * The users who hold a socket: the scenario's online users without the device users kept offline, with every
     * other device user (so each device user is either owed every notification addressed to them, or none).
     */
    public List<String> online(List<String> drawn) {
        Set<String> online = new LinkedHashSet<>(drawn);
        for (Device d : devices) {
            if (d.offline()) {
                online.remove(d.user());
            } else {
                online.add(d.user());
            }
        }
        return List.copyOf(online);
    }
}
