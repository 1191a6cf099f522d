package io.chorus.query.resources;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.Subjects;
import io.chorus.query.api.HistoryPage;
import io.chorus.query.core.HistoryQuery;
import io.chorus.query.db.MessageHistory;
import io.chorus.query.db.ReactionReads;
import io.chorus.query.nats.KvMemberships;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/channels/{id}/messages?before=&after=&limit=}: a channel's history, for its members only. Membership is
 * one {@code permissions} KV get (decision 0043), the check the send path makes. Each message carries its reactions
 * as the caller sees them (decision 0252).
 */
@Path("/v1/channels/{channelId}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelMessagesResource {
    private final MessageHistory history;
    private final ReactionReads reactions;
    private final KvMemberships memberships;

    public ChannelMessagesResource(MessageHistory history, ReactionReads reactions, KvMemberships memberships) {
        this.history = history;
        this.reactions = reactions;
        this.memberships = memberships;
    }

    @GET
    public HistoryPage messages(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @QueryParam("before") String before,
            @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        if (!Subjects.isToken(channelId)) {
            throw new ApiException(400, "invalid_channel_id", "channel ids are 1-64 of A-Z a-z 0-9 _ -");
        }
        HistoryQuery query = HistoryQuery.parse(channelId, before, after, limit);
        if (!isMember(channelId, caller.userId())) {
            throw new ApiException(403, "not_a_member", "only members of " + channelId + " may read its history");
        }
        return reactions.withReactions(history.page(query), caller.userId());
    }

    private boolean isMember(String channelId, String userId) {
        try {
            return memberships.isMember(channelId, userId);
        } catch (RuntimeException e) {
            throw new ApiException(
                    503,
                    "unavailable",
                    "membership cannot be checked right now; retry",
                    java.time.Duration.ofSeconds(1));
        }
    }
}
