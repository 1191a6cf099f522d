package io.chorus.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.Priority;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.security.Principal;
import java.time.Duration;

/**
 * 429 for a caller who exceeds the configured rate. Runs after authentication, so it counts per user id; a
 * request without a valid token is answered 401 before it costs anyone a token. Bots have rates of their own
 * ({@code botsPerSecond}, {@code botsBurst}; decision 0216), lower by default: a program can send far faster than
 * a person, and a runaway bot should not take a person's share.
 */
@Priority(Priorities.AUTHORIZATION)
public final class PerUserRateLimit implements ContainerRequestFilter {
    private final TokenBuckets buckets;
    private final TokenBuckets bots;

    public PerUserRateLimit(TokenBuckets buckets) {
        this(buckets, buckets);
    }

    public PerUserRateLimit(TokenBuckets buckets, TokenBuckets bots) {
        this.buckets = buckets;
        this.bots = bots;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext().getUserPrincipal();
        if (principal == null) {
            return;
        }
        boolean bot = principal instanceof io.chorus.common.auth.ChorusPrincipal caller && caller.isBot();
        if (!(bot ? bots : buckets).tryTake(principal.getName())) {
            throw new ApiException(429, "rate_limited", "too many requests: slow down", Duration.ofSeconds(1));
        }
    }

    /** Configuration: requests per second per user, and the burst allowed above it. */
    public static class Config {
        @Min(1)
        @JsonProperty
        private double perSecond = 100;

        @Min(1)
        @JsonProperty
        private int burst = 200;

        @Min(1)
        @JsonProperty
        private double botsPerSecond = 20;

        @Min(1)
        @JsonProperty
        private int botsBurst = 40;

        public double getPerSecond() {
            return perSecond;
        }

        public void setPerSecond(double perSecond) {
            this.perSecond = perSecond;
        }

        public int getBurst() {
            return burst;
        }

        public void setBurst(int burst) {
            this.burst = burst;
        }

        public double getBotsPerSecond() {
            return botsPerSecond;
        }

        public void setBotsPerSecond(double botsPerSecond) {
            this.botsPerSecond = botsPerSecond;
        }

        public int getBotsBurst() {
            return botsBurst;
        }

        public void setBotsBurst(int botsBurst) {
            this.botsBurst = botsBurst;
        }

        public PerUserRateLimit build() {
            return new PerUserRateLimit(new TokenBuckets(perSecond, burst), new TokenBuckets(botsPerSecond, botsBurst));
        }
    }
}
