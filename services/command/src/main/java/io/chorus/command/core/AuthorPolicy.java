package io.chorus.command.core;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.MetaPayloads;
import java.util.UUID;

/**
 * Who may change a message (decision 0024): only its author edits it; its author, the channel's owners and admins,
 * and platform admins delete it. Authorship comes from the message id ({@link MessageAuthorship}), so the answer
 * is synchronous (403 {@code not_author}) and a refused edit never becomes an event: history, search and live
 * clients never see it.
 */
public final class AuthorPolicy {
    private final ChannelPolicy channels;
    private final MessageAuthorship authorship;

    public AuthorPolicy(ChannelPolicy channels, MessageAuthorship authorship) {
        this.channels = channels;
        this.authorship = authorship;
    }

    public void checkEdit(ChorusPrincipal caller, String channelId, UUID messageId) {
        channels.requireMember(caller, channelId);
        if (!authorship.isAuthor(messageId, channelId, caller.userId())) {
            throw new ApiException(403, "not_author", "only the author of a message may edit it");
        }
    }

    public void checkDelete(ChorusPrincipal caller, String channelId, UUID messageId) {
        String role = channels.requireMember(caller, channelId);
        if (authorship.isAuthor(messageId, channelId, caller.userId())
                || caller.admin()
                || MetaPayloads.canManage(role)) {
            return;
        }
        throw new ApiException(
                403, "not_author", "only the author of a message, or an owner or admin of the channel, may delete it");
    }
}
