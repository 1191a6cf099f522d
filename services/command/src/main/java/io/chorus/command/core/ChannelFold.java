package io.chorus.command.core;

import io.chorus.common.events.MetaPayloads;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Folds the member lines of an import that directly follow their channel's line into that channel's
 * {@code channel.created} (decision 0080): a channel seeded with its members is one event instead of two, which
 * halves the META events of a population like one user in 100,000 channels. A membership is folded only if it is
 * of the open channel, role {@code member}, not its creator (who is its owner: a membership line for the creator
 * keeps its old effect, a role change through {@code members.added}), not already folded, and the fold holds fewer
 * than {@code maxMembers}; the first membership that is not ends the fold, and it and every later line go their
 * usual way. Order is kept: the fold is emitted before that membership is handed on.
 */
public final class ChannelFold {
    /** A {@code channel.created} ready to publish: the channel line and the user ids folded into it. */
    public record Created(ImportLine.Channel channel, List<String> members) {
        /**
         * The event's {@code Nats-Msg-Id}. Without members, {@code import:channel:<id>} as before folding. With
         * members, also their count and a digest of every id: a re-import of the same lines publishes the same key
         * (deduplicated), the same channel with other members another (its new members are not dropped as a
         * duplicate within the dedupe window).
         */
        public String idempotencyKey() {
            String key = "import:channel:" + channel.id();
            return members.isEmpty() ? key : key + ":" + members.size() + ":" + ContentDigest.of(members);
        }
    }

    private final int maxMembers;
    private final Consumer<Created> sink;
    private ImportLine.Channel channel;
    /** The folded user ids, in line order; a set, so a repeated line is not folded twice. */
    private final Set<String> members = new LinkedHashSet<>();

    public ChannelFold(int maxMembers, Consumer<Created> sink) {
        if (maxMembers < 0) {
            throw new IllegalArgumentException("maxMembers must not be negative");
        }
        this.maxMembers = maxMembers;
        this.sink = sink;
    }

    /** Emits the open fold, if any, and opens one for {@code line}. */
    public void open(ImportLine.Channel line) {
        close();
        channel = line;
    }

    /**
     * Folds {@code membership} into the open channel and answers true; otherwise emits the open fold, if any, and
     * answers false: the caller hands the membership on.
     */
    public boolean fold(ImportLine.Membership membership) {
        if (channel == null) {
            return false;
        }
        if (!folds(membership)) {
            close();
            return false;
        }
        members.add(membership.userId());
        return true;
    }

    /** Emits the open fold, if any: before any line that is not a membership, and at the end of the import. */
    public void close() {
        if (channel != null) {
            sink.accept(new Created(channel, List.copyOf(members)));
            channel = null;
            members.clear();
        }
    }

    private boolean folds(ImportLine.Membership m) {
        return m.channelId().equals(channel.id())
                && MetaPayloads.ROLE_MEMBER.equals(m.role())
                && !m.userId().equals(channel.createdBy())
                && !members.contains(m.userId())
                && members.size() < maxMembers;
    }
}
