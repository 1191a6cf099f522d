package io.chorus.command.core;

import java.util.Optional;

/** Who may do what in a channel, as the {@code permissions} KV bucket says. */
public interface Permissions {
    /** The user's role in the channel, empty when not a member. */
    Optional<String> role(String channelId, String userId);

    /** The channel's kind, empty when there is no such channel. */
    Optional<String> kind(String channelId);
}
