package io.chorus.query.resources;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.MetaPayloads;
import io.chorus.common.events.Subjects;
import io.chorus.query.api.WebhookFailurePage;
import io.chorus.query.api.WebhookView;
import io.chorus.query.db.MetadataReads;
import io.chorus.query.db.WebhookReads;
import io.chorus.query.nats.WebhookFailureReads;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/webhooks/{webhookId}/failures} (decision 0212): the registration's dead-letter records, oldest
 * first, a page at a time, for whoever may change the registration: the owners and admins of every channel it
 * serves, or a platform admin.
 */
@Path("/v1/webhooks/{webhookId}/failures")
@Produces(MediaType.APPLICATION_JSON)
public final class WebhookFailureQueries {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final WebhookReads webhooks;
    private final MetadataReads metadata;
    private final WebhookFailureReads failures;

    public WebhookFailureQueries(WebhookReads webhooks, MetadataReads metadata, WebhookFailureReads failures) {
        this.webhooks = webhooks;
        this.metadata = metadata;
        this.failures = failures;
    }

    @GET
    public WebhookFailurePage list(
            @Auth ChorusPrincipal caller,
            @PathParam("webhookId") String webhookId,
            @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        if (!Subjects.isToken(webhookId)) {
            throw invalid("webhookId must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        long from = number("after", after, 0, 0, Long.MAX_VALUE);
        int size = (int) number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        WebhookView registration = webhooks.byId(webhookId)
                .orElseThrow(() -> new ApiException(404, "not_found", "no webhook " + webhookId));
        if (!caller.admin() && !managesEvery(caller, registration)) {
            throw new ApiException(
                    403,
                    "forbidden",
                    "only the owners and admins of every channel the webhook serves may list its failures");
        }
        return failures.page(webhookId, from, size);
    }

    private boolean managesEvery(ChorusPrincipal caller, WebhookView registration) {
        return registration.channelIds().stream()
                .allMatch(channelId -> metadata.role(channelId, caller.userId())
                        .map(MetaPayloads::canManage)
                        .orElse(false));
    }

    private static long number(String field, String value, long absent, long min, long max) {
        if (value == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(field + " must be a number from " + min + " to " + max);
    }

    private static ApiException invalid(String message) {
        return new ApiException(422, "invalid_request", message);
    }
}
