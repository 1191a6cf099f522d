package io.chorus.command.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups consecutive memberships of the same channel and role into batches of at most {@code maxBatch} user ids:
 * one {@code members.added} event each. Order is kept, so a file sorted by channel yields full batches.
 */
public final class MembershipBatcher {
    /** A batch ready to publish. */
    public record Batch(String channelId, String role, List<String> userIds) {
        /** The batch's {@code Nats-Msg-Id}: its ends and size for people, a digest of every id for uniqueness. */
        public String idempotencyKey() {
            return "import:members:" + channelId + ":" + role + ":" + userIds.get(0) + ":"
                    + userIds.get(userIds.size() - 1) + ":" + userIds.size() + ":" + ContentDigest.of(userIds);
        }
    }

    private final int maxBatch;
    private final Consumer<Batch> sink;
    private String channelId;
    private String role;
    private List<String> userIds = new ArrayList<>();

    public MembershipBatcher(int maxBatch, Consumer<Batch> sink) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be positive");
        }
        this.maxBatch = maxBatch;
        this.sink = sink;
    }

    public void add(String channel, String userRole, String userId) {
        if (!userIds.isEmpty()
                && (!channel.equals(channelId) || !userRole.equals(role) || userIds.size() >= maxBatch)) {
            flush();
        }
        channelId = channel;
        role = userRole;
        userIds.add(userId);
    }

    public void flush() {
        if (!userIds.isEmpty()) {
            sink.accept(new Batch(channelId, role, List.copyOf(userIds)));
            userIds = new ArrayList<>();
        }
    }
}
