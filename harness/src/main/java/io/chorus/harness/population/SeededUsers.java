package io.chorus.harness.population;

import io.chorus.common.auth.DevelopmentTokens;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seeded users' credentials: development tokens (HS256, the stack's secret), minted on first use and kept for
 * the run, so a user sending a thousand messages signs one token, not a thousand.
 */
public final class SeededUsers implements Seeder.Seeded {
    /** Longer than any scenario: a token expiring mid-run would show as 401s, not as the system's fault. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private final DevelopmentTokens tokens;
    private final Map<String, String> issued = new ConcurrentHashMap<>();

    public SeededUsers(String hmacSecret) {
        this.tokens = new DevelopmentTokens(hmacSecret);
    }

    @Override
    public String tokenFor(String user) {
        return issued.computeIfAbsent(user, u -> tokens.issue(u, false, LIFETIME));
    }

    /** A platform admin's token, for the import (not kept: it is asked for once per seed). */
    String adminToken(String user) {
        return tokens.issue(user, true, LIFETIME);
    }
}
