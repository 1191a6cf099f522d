package io.chorus.fanout.core;

import io.chorus.common.events.Subjects;
import io.chorus.common.routing.ChannelPartitioner;

/** The slice of channels this fan-out instance routes. */
public record Partition(int index, int count) {
    public boolean owns(String channelId) {
        return ChannelPartitioner.partition(channelId, count) == index;
    }

    /** The channel of a {@code chat.msg.<channelId>} / {@code chat.typing.<channelId>} subject. */
    public static String channelOf(String subject) {
        return subject.substring(subject.lastIndexOf('.') + 1);
    }

    /** Durable consumer names carry the split, so a different split starts fresh consumers. */
    public String consumerName(String what) {
        return "fanout-" + what + "-" + index + "-of-" + count;
    }

    public static boolean isChannelSubject(String subject) {
        return subject.startsWith(Subjects.MESSAGES_PREFIX) || subject.startsWith(Subjects.TYPING_PREFIX);
    }
}
