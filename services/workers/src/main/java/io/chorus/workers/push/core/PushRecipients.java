package io.chorus.workers.push.core;

import io.chorus.common.events.Mentions;
import io.chorus.common.push.NotificationLevel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is pushed about a new message (decision 0201): each member of its channel but the author who has no live
 * session, has not muted the channel, and for whom the message is a direct message, mentions them
 * ({@code @userId}), or is in a channel they set to {@code all}.
 */
public final class PushRecipients {
    private PushRecipients() {}

    /** A member of the message's channel: their level there (the default when never set) and whether online. */
    public record Member(String userId, NotificationLevel level, boolean online) {}

    /** Why a member is pushed: the notification says so ("mentioned you", a direct message, a channel message). */
    public enum Reason {
        DIRECT,
        MENTION,
        CHANNEL
    }

    public record Recipient(String userId, Reason reason) {}

    /** The message as the rules see it. */
    public record Message(String channelId, String authorId, String text, boolean direct) {}

    public static List<Recipient> of(Message message, List<Member> members) {
        Set<String> mentioned = mentions(message.text());
        List<Recipient> recipients = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Member member : members) {
            // a user listed twice is judged by the first entry only
            if (!seen.add(member.userId())
                    || member.userId().equals(message.authorId())
                    || member.online()
                    || member.level() == NotificationLevel.MUTE) {
                continue;
            }
            if (message.direct()) {
                recipients.add(new Recipient(member.userId(), Reason.DIRECT));
            } else if (mentioned.contains(member.userId())) {
                recipients.add(new Recipient(member.userId(), Reason.MENTION));
            } else if (member.level() == NotificationLevel.ALL) {
                recipients.add(new Recipient(member.userId(), Reason.CHANNEL));
            }
        }
        return recipients;
    }

    /** The user ids mentioned in {@code text} ({@link Mentions#in}). */
    public static Set<String> mentions(String text) {
        return Mentions.in(text);
    }

    /** Whether any member's rules could make them a recipient: a message that cannot push costs no lookups. */
    public static boolean mayPushAnyone(Message message, boolean anyMemberNotifiesAll) {
        return message.direct()
                || anyMemberNotifiesAll
                || !mentions(message.text()).isEmpty();
    }
}
