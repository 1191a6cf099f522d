package io.chorus.common.auth;

import java.security.Principal;
import java.time.Instant;

/**
 * The caller a valid bearer token names: the subject is the user id; the {@code admin} claim marks admins.
 *
 * @param validUntil the instant after which the token no longer verifies (its {@code exp} plus the clock skew
 *                   allowed): a WebSocket opened with it is closed then (docs/protocol.md, close code 4003)
 * @param grant      what a bot's API token allows (decision 0216); {@code null} for a user's token
 */
public record ChorusPrincipal(String userId, boolean admin, Instant validUntil, BotGrant grant) implements Principal {
    /** A caller whose token's end does not matter here (tests, and principals built in process). */
    public ChorusPrincipal(String userId, boolean admin) {
        this(userId, admin, Instant.MAX, null);
    }

    /** A user's token, valid until {@code validUntil}. */
    public ChorusPrincipal(String userId, boolean admin, Instant validUntil) {
        this(userId, admin, validUntil, null);
    }

    /** Whether a bot's API token (not a user's) names this caller. */
    public boolean isBot() {
        return grant != null;
    }

    @Override
    public String getName() {
        return userId;
    }
}
