package io.chorus.query.resources;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.MetaPayloads;
import io.chorus.common.events.Subjects;
import io.chorus.common.paging.CursorSigner;
import io.chorus.query.api.Views;
import io.chorus.query.core.Cursor;
import io.chorus.query.core.PageWalk;
import io.chorus.query.core.UnreadCounts;
import io.chorus.query.db.MessageHistory;
import io.chorus.query.db.MetadataReads;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * Channel and membership reads. A public channel and its members are visible to every signed-in user; a private
 * or direct one only to its members (and platform admins): 403 for anyone else, 404 when it does not exist.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class MetadataQueries {
    private final MetadataReads reads;
    private final MessageHistory history;
    private final CursorSigner cursors;

    public MetadataQueries(MetadataReads reads, MessageHistory history, CursorSigner cursors) {
        this.reads = reads;
        this.history = history;
        this.cursors = cursors;
    }

    @GET
    @Path("/channels/{channelId}")
    public Views.Channel channel(@Auth ChorusPrincipal caller, @PathParam("channelId") String channelId) {
        return visibleChannel(caller, channelId);
    }

    @GET
    @Path("/channels/{channelId}/members")
    public Views.Page<Views.Member> members(
            @Auth ChorusPrincipal caller,
            @PathParam("channelId") String channelId,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        String scope = Cursor.members(channelId);
        Cursor.Position from = Cursor.decode(cursor, cursors, scope);
        int size = Cursor.limit(limit);
        visibleChannel(caller, channelId);
        return page(reads.members(channelId, from, size), scope);
    }

    @GET
    @Path("/users/me/channels")
    public Views.Page<Views.MyChannel> myChannels(
            @Auth ChorusPrincipal caller, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        String scope = Cursor.channelsOf(caller.userId());
        Cursor.Position from = Cursor.decode(cursor, cursors, scope);
        PageWalk.Page<Views.MyChannel> page = reads.channelsOf(caller.userId(), from, Cursor.limit(limit));
        return page(
                new PageWalk.Page<>(UnreadCounts.count(caller.userId(), page.items(), history::page), page.next()),
                scope);
    }

    private <T> Views.Page<T> page(PageWalk.Page<T> page, String scope) {
        return new Views.Page<>(page.items(), page.next() == null ? null : Cursor.encode(page.next(), cursors, scope));
    }

    private Views.Channel visibleChannel(ChorusPrincipal caller, String channelId) {
        if (!Subjects.isToken(channelId)) {
            throw new ApiException(422, "invalid_request", "channelId must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        Optional<String> role = reads.role(channelId, caller.userId());
        Views.Channel channel = reads.channel(channelId, role.orElse(null))
                .orElseThrow(() -> new ApiException(404, "channel_not_found", "no such channel: " + channelId));
        if (role.isEmpty() && !caller.admin() && !MetaPayloads.KIND_PUBLIC.equals(channel.kind())) {
            throw new ApiException(403, "not_a_member", "you are not a member of channel " + channelId);
        }
        return channel;
    }
}
