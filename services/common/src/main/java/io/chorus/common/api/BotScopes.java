package io.chorus.common.api;

import io.chorus.common.auth.BotGrant;
import io.chorus.common.auth.ChorusPrincipal;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.security.Principal;

/**
 * Holds a bot's API token to its scopes (decision 0216): a read ({@code GET}, {@code HEAD}) needs {@code read},
 * anything else {@code write}, and a request whose path names a channel must name one of the token's channels when
 * it lists any. Users' tokens pass untouched. Membership is still checked by the resource, as for a user.
 */
@Priority(Priorities.AUTHORIZATION)
public final class BotScopes implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (!(principal instanceof ChorusPrincipal caller) || !caller.isBot()) {
            return;
        }
        check(
                caller.grant(),
                request.getMethod(),
                request.getUriInfo().getPathParameters().getFirst("channelId"));
    }

    /** Refuses (403) a request of {@code method} about {@code channelId} (null when none) that the grant does not allow. */
    static void check(BotGrant grant, String method, String channelId) {
        boolean reading = "GET".equals(method) || "HEAD".equals(method);
        if (reading ? !grant.read() : !grant.write()) {
            throw new ApiException(
                    403, "forbidden", "this bot token has no " + (reading ? "read" : "write") + " scope");
        }
        if (channelId != null && !grant.allowsChannel(channelId)) {
            throw new ApiException(403, "forbidden", "this bot token is not scoped to channel " + channelId);
        }
    }
}
