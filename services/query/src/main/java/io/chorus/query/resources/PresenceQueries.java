package io.chorus.query.resources;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.query.core.PresenceBatch;
import io.chorus.query.nats.PresenceReads;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET /v1/users/presence?ids=a,b,c}: whether each user is online, away or offline (decision 0253), for any
 * authenticated caller, as a chat client shows it beside names; at most {@link PresenceBatch#MAX_IDS} users a call.
 */
@Path("/v1/users/presence")
@Produces(MediaType.APPLICATION_JSON)
public class PresenceQueries {
    private final PresenceReads reads;

    public PresenceQueries(PresenceReads reads) {
        this.reads = reads;
    }

    /** The answer: one entry per distinct asked id, in the order asked. */
    public record Presences(List<PresenceBatch.UserPresence> users) {}

    @GET
    public Presences presence(@Auth ChorusPrincipal caller, @QueryParam("ids") String ids) {
        List<String> users = PresenceBatch.parse(ids);
        try {
            return new Presences(reads.of(users));
        } catch (RuntimeException e) {
            throw new ApiException(
                    503, "unavailable", "presence cannot be read right now; retry", Duration.ofSeconds(1));
        }
    }
}
