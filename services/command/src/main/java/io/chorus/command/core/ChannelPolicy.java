package io.chorus.command.core;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.MetaPayloads;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Who may change a channel (decision 0010). Platform admins (the token's {@code admin} claim) may do anything.
 * Otherwise: members post, react, type and set the topic; owners and admins of the channel rename it, remove
 * others (only an owner removes an owner) and grant roles; any member may add members to a public or private
 * channel; anyone may join a public channel by adding themselves; a direct channel's members never change. Adding
 * never lowers a role: the meta writer keeps the higher of the held and the granted role (decision 0101), so adding
 * an owner "as member" changes nothing.
 */
public final class ChannelPolicy {
    private final Permissions permissions;
    private final PermissionLookups lookups;
    private final Permissions store;

    /** Asynchronous checks ask {@code permissions} on the caller's thread. */
    public ChannelPolicy(Permissions permissions) {
        this(permissions, PermissionLookups.answeredAtOnce(permissions), permissions);
    }

    /** @param lookups the same answers as {@code permissions}, without blocking (the send path, decision 0063) */
    public ChannelPolicy(Permissions permissions, PermissionLookups lookups) {
        this(permissions, lookups, permissions);
    }

    /**
     * @param lookups the same answers as {@code permissions}, without blocking (the send path, decision 0063)
     * @param store   the bucket itself, uncached: whether a channel exists, asked by a create
     */
    public ChannelPolicy(Permissions permissions, PermissionLookups lookups, Permissions store) {
        this.permissions = permissions;
        this.lookups = lookups;
        this.store = store;
    }

    /** The channel's kind; 404 when it does not exist. */
    public String existing(String channelId) {
        return permissions
                .kind(channelId)
                .orElseThrow(() -> new ApiException(404, "channel_not_found", "no such channel: " + channelId));
    }

    /** Whether the metadata store holds the channel (the meta writer has applied its creation). */
    public boolean stored(String channelId) {
        return store.kind(channelId).isPresent();
    }

    /** The caller's role; 403 when not a member (404 first when the channel does not exist). */
    public String requireMember(ChorusPrincipal caller, String channelId) {
        Optional<String> role = permissions.role(channelId, caller.userId());
        return role.isPresent() ? role.get() : roleOfNonMember(caller, channelId, permissions.kind(channelId));
    }

    /**
     * {@link #requireMember} without blocking: the stage fails with the same 404 or 403 (or the lookups' 503), and
     * asks for the channel's kind only when the caller is not a member, as the blocking check does.
     */
    public CompletionStage<String> memberRole(ChorusPrincipal caller, String channelId) {
        return lookups.role(channelId, caller.userId())
                .thenCompose(role -> role.isPresent()
                        ? CompletableFuture.completedFuture(role.get())
                        : lookups.kind(channelId).thenApply(kind -> roleOfNonMember(caller, channelId, kind)));
    }

    private static String roleOfNonMember(ChorusPrincipal caller, String channelId, Optional<String> kind) {
        if (kind.isEmpty()) {
            throw new ApiException(404, "channel_not_found", "no such channel: " + channelId);
        }
        if (caller.admin()) {
            return MetaPayloads.ROLE_ADMIN;
        }
        throw new ApiException(403, "not_a_member", "you are not a member of channel " + channelId);
    }

    public void requireManager(ChorusPrincipal caller, String channelId, String what) {
        requireManagerRole(caller, channelId, what);
    }

    private String requireManagerRole(ChorusPrincipal caller, String channelId, String what) {
        String role = requireMember(caller, channelId);
        if (!caller.admin() && !MetaPayloads.canManage(role)) {
            throw new ApiException(403, "forbidden", "only the channel's owners and admins may " + what);
        }
        return role;
    }

    public void checkAdd(ChorusPrincipal caller, String channelId, List<String> userIds, String role) {
        String kind = existing(channelId);
        if (MetaPayloads.KIND_DIRECT.equals(kind)) {
            throw new ApiException(409, "direct_channel", "the members of a direct channel cannot change");
        }
        if (caller.admin()) {
            return;
        }
        Optional<String> callerRole = permissions.role(channelId, caller.userId());
        boolean joiningSelf = userIds.size() == 1 && userIds.get(0).equals(caller.userId());
        if (callerRole.isEmpty()) {
            if (joiningSelf && MetaPayloads.KIND_PUBLIC.equals(kind) && MetaPayloads.ROLE_MEMBER.equals(role)) {
                return;
            }
            throw new ApiException(403, "not_a_member", "you are not a member of channel " + channelId);
        }
        if (!MetaPayloads.ROLE_MEMBER.equals(role) && !MetaPayloads.canManage(callerRole.get())) {
            throw new ApiException(403, "forbidden", "only the channel's owners and admins may grant " + role);
        }
        if (MetaPayloads.ROLE_OWNER.equals(role) && !MetaPayloads.ROLE_OWNER.equals(callerRole.get())) {
            throw new ApiException(403, "forbidden", "only an owner may make owners");
        }
    }

    public void checkRemove(ChorusPrincipal caller, String channelId, String userId) {
        String kind = existing(channelId);
        if (MetaPayloads.KIND_DIRECT.equals(kind)) {
            throw new ApiException(409, "direct_channel", "the members of a direct channel cannot change");
        }
        boolean self = userId.equals(caller.userId());
        String callerRole = self ? null : requireManagerRole(caller, channelId, "remove other members");
        Optional<String> role = permissions.role(channelId, userId);
        if (role.isEmpty()) {
            throw new ApiException(404, "not_a_member", userId + " is not a member of channel " + channelId);
        }
        // a removal takes every role away: a channel admin may not remove, and so demote, an owner (decision 0101)
        if (!self && !caller.admin() && MetaPayloads.raises(role.get(), callerRole)) {
            throw new ApiException(403, "forbidden", "only an owner may remove an owner");
        }
    }
}
