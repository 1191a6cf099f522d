package io.chorus.query.resources;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.query.api.SearchPage;
import io.chorus.query.core.InvalidSearch;
import io.chorus.query.core.SearchCriteria;
import io.chorus.query.db.MembershipDirectory;
import io.chorus.query.db.MessageSearchIndex;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/search}: full-text search over the messages of the channels the caller is a member of (decision
 * 0040). With a {@code channelId} the caller must be a member of it (403 otherwise) and only it is searched. Without
 * one, a caller in at most {@link #LISTED_CHANNELS} channels gets them as a filter; a caller in more gets the best
 * matches of all channels, each shown only after a point read of the caller's membership of its channel.
 */
@Path("/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {
    private static final Logger LOG = LoggerFactory.getLogger(SearchResource.class);
    /** Up to this many memberships are read and sent to Elasticsearch as a channel filter. */
    static final int LISTED_CHANNELS = 1000;
    /** Past that, candidates are verified: this many per Elasticsearch round, at most this many per request. */
    static final int CANDIDATES_PER_ROUND = 200;
    static final int MAX_CANDIDATES = 2000;

    private final MembershipDirectory memberships;
    private final MessageSearchIndex index;

    public SearchResource(MembershipDirectory memberships, MessageSearchIndex index) {
        this.memberships = memberships;
        this.index = index;
    }

    @GET
    public SearchPage search(@Auth ChorusPrincipal caller,
                             @QueryParam("q") String q,
                             @QueryParam("channelId") String channelId,
                             @QueryParam("from") String from,
                             @QueryParam("to") String to,
                             @QueryParam("cursor") String cursor,
                             @QueryParam("limit") String limit) {
        SearchCriteria criteria;
        try {
            criteria = SearchCriteria.parse(q, channelId, from, to, cursor, limit);
        } catch (InvalidSearch e) {
            throw new ApiException(400, e.code(), e.getMessage());
        }
        List<String> channels = readableChannels(caller, criteria);
        try {
            if (channels.isEmpty()) {
                return new SearchPage(List.of(), null);
            }
            if (channels.size() <= LISTED_CHANNELS) {
                return index.search(criteria, channels);
            }
            return index.searchVerified(criteria, candidates -> memberships.memberOf(candidates, caller.userId()),
                    CANDIDATES_PER_ROUND, MAX_CANDIDATES);
        } catch (Exception e) {
            LOG.warn("search failed: {}", e.toString());
            throw unavailable("search");
        }
    }

    private List<String> readableChannels(ChorusPrincipal caller, SearchCriteria criteria) {
        boolean member;
        try {
            if (criteria.channelId().isEmpty()) {
                return memberships.channelsOf(caller.userId(), LISTED_CHANNELS);
            }
            member = memberships.isMember(criteria.channelId().get(), caller.userId());
        } catch (RuntimeException e) {
            LOG.warn("membership lookup failed: {}", e.toString());
            throw unavailable("membership lookup");
        }
        if (!member) {
            throw new ApiException(403, "not_a_member", "you are not a member of channel " + criteria.channelId().get());
        }
        return List.of(criteria.channelId().get());
    }

    private static ApiException unavailable(String what) {
        return new ApiException(503, "unavailable", what + " is unavailable, try again shortly", Duration.ofSeconds(1));
    }
}
