package io.chorus.query.resources;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.MetaPayloads;
import io.chorus.common.events.Subjects;
import io.chorus.query.api.WebhookView;
import io.chorus.query.db.MetadataReads;
import io.chorus.query.db.WebhookReads;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/webhooks}: the caller's registrations (a platform admin's: all), or with {@code channelId} those
 * serving that channel, for its owners and admins. At most {@link #MAX} registrations, without paging: a channel
 * has a handful.
 */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public final class WebhookQueries {
    static final int MAX = 500;

    private final WebhookReads webhooks;
    private final MetadataReads metadata;

    public WebhookQueries(WebhookReads webhooks, MetadataReads metadata) {
        this.webhooks = webhooks;
        this.metadata = metadata;
    }

    @GET
    public Map<String, List<WebhookView>> list(
            @Auth ChorusPrincipal caller, @QueryParam("channelId") String channelId) {
        if (channelId == null) {
            return Map.of("items", webhooks.ownedBy(caller.admin() ? null : caller.userId(), MAX));
        }
        if (!Subjects.isToken(channelId)) {
            throw new ApiException(422, "invalid_request", "channelId must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        if (!caller.admin()
                && !metadata.role(channelId, caller.userId())
                        .map(MetaPayloads::canManage)
                        .orElse(false)) {
            throw new ApiException(403, "forbidden", "only the channel's owners and admins may list its webhooks");
        }
        return Map.of("items", webhooks.serving(channelId, MAX));
    }
}
