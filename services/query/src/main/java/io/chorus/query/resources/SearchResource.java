package io.chorus.query.resources;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.query.api.SearchHit;
import io.chorus.query.api.SearchPage;
import io.chorus.query.core.InvalidSearch;
import io.chorus.query.core.ManyChannelUsers;
import io.chorus.query.core.SearchCriteria;
import io.chorus.query.core.SearchCursorSeal;
import io.chorus.query.core.VerifiedSearch;
import io.chorus.query.db.MembershipDirectory;
import io.chorus.query.db.MessageSearchIndex;
import io.chorus.query.nats.KvMemberships;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/search}: full-text search over the messages of the channels the caller is a member of (decisions
 * 0040, 0043). With a {@code channelId} the caller must be a member of it (403 otherwise, one {@code permissions} KV
 * get) and only it is searched. Without one, a caller in at most {@link #LISTED_CHANNELS} channels gets them as a
 * filter; a caller in more gets the best matches of all channels, each shown only after its channel passed a
 * {@code permissions} KV get made in the same request. The cursor of a page is sealed for its caller
 * ({@link SearchCursorSeal}): it may stand on a message of a channel the caller is not in.
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
    /** How long a user found in more than {@link #LISTED_CHANNELS} channels skips the listing (path choice only). */
    static final Duration MANY_CHANNELS_REMEMBERED = Duration.ofMinutes(5);

    private final MembershipDirectory memberships;
    private final KvMemberships permissions;
    private final MessageSearchIndex index;
    private final SearchCursorSeal cursors;
    private final ManyChannelUsers manyChannelUsers = new ManyChannelUsers(MANY_CHANNELS_REMEMBERED, 100_000);

    public SearchResource(
            MembershipDirectory memberships,
            KvMemberships permissions,
            MessageSearchIndex index,
            SearchCursorSeal cursors) {
        this.memberships = memberships;
        this.permissions = permissions;
        this.index = index;
        this.cursors = cursors;
    }

    @GET
    public SearchPage search(
            @Auth ChorusPrincipal caller,
            @QueryParam("q") String q,
            @QueryParam("channelId") String channelId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        SearchCriteria criteria;
        try {
            criteria = SearchCriteria.parse(
                    q, channelId, from, to, cursor, limit, text -> cursors.open(text, caller.userId()));
        } catch (InvalidSearch e) {
            throw new ApiException(400, e.code(), e.getMessage());
        }
        Optional<List<String>> listed = listedChannels(caller, criteria);
        try {
            if (listed.isEmpty()) {
                return page(
                        caller,
                        index.searchVerified(
                                criteria,
                                candidates -> permissions.memberOf(candidates, caller.userId()),
                                CANDIDATES_PER_ROUND,
                                MAX_CANDIDATES));
            }
            if (listed.get().isEmpty()) {
                return new SearchPage(List.of(), null);
            }
            return page(caller, index.search(criteria, listed.get()));
        } catch (Exception e) {
            LOG.warn("search failed: {}", e.toString());
            throw unavailable("search");
        }
    }

    private SearchPage page(ChorusPrincipal caller, VerifiedSearch.Found<SearchHit> found) {
        return new SearchPage(
                found.hits(),
                found.next().map(next -> cursors.seal(next, caller.userId())).orElse(null));
    }

    /**
     * The channels to filter on, or empty when the caller is in too many to list and every candidate's channel must
     * be checked instead.
     */
    private Optional<List<String>> listedChannels(ChorusPrincipal caller, SearchCriteria criteria) {
        boolean member;
        try {
            if (criteria.channelId().isEmpty()) {
                if (manyChannelUsers.isKnown(caller.userId())) {
                    return Optional.empty();
                }
                List<String> channels = memberships.channelsOf(caller.userId(), LISTED_CHANNELS);
                if (channels.size() > LISTED_CHANNELS) {
                    manyChannelUsers.remember(caller.userId());
                    return Optional.empty();
                }
                return Optional.of(channels);
            }
            member = permissions.isMember(criteria.channelId().get(), caller.userId());
        } catch (RuntimeException e) {
            LOG.warn("membership lookup failed: {}", e.toString());
            throw unavailable("membership lookup");
        }
        if (!member) {
            throw new ApiException(
                    403,
                    "not_a_member",
                    "you are not a member of channel " + criteria.channelId().get());
        }
        return Optional.of(List.of(criteria.channelId().get()));
    }

    private static ApiException unavailable(String what) {
        return new ApiException(503, "unavailable", what + " is unavailable, try again shortly", Duration.ofSeconds(1));
    }
}
