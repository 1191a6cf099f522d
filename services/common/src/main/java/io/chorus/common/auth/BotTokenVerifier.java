package io.chorus.common.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Checks a bot's API token against the stored hash of its secret. What the store says is remembered for at most
 * {@code remember}: a revocation reaches a request within that bound even when the watch that calls {@link #forget}
 * lags, and a busy bot costs one store read per token per bound.
 */
public final class BotTokenVerifier implements TokenVerifier {
    /** Where stored tokens are read: empty when the token was revoked or never existed. */
    @FunctionalInterface
    public interface Store {
        Optional<StoredBotToken> find(String tokenId);
    }

    /** How long a read of the store is trusted when no watch says otherwise: the bound on a missed revocation. */
    public static final Duration RECHECK = Duration.ofSeconds(2);

    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(Optional<StoredBotToken> token, long readAtNanos) {}

    private final Store store;
    private final long rememberNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    public BotTokenVerifier(Store store, Duration remember) {
        this(store, remember, System::nanoTime);
    }

    BotTokenVerifier(Store store, Duration remember, LongSupplier nanoClock) {
        this.store = store;
        this.rememberNanos = remember.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public ChorusPrincipal verify(String token) throws InvalidTokenException {
        BotTokens.Parts parts =
                BotTokens.parse(token).orElseThrow(() -> new InvalidTokenException("malformed bot token"));
        StoredBotToken stored = lookup(parts.tokenId())
                .filter(t -> t.botId().equals(parts.botId()))
                .orElseThrow(() -> new InvalidTokenException("unknown or revoked bot token"));
        if (!IntegrationSecrets.matches(parts.secret(), stored.secretHash())) {
            throw new InvalidTokenException("unknown or revoked bot token");
        }
        return new ChorusPrincipal(BotTokens.userId(stored.botId()), false, Instant.MAX, stored.grant());
    }

    /** Drops what is remembered of a token: the next request reads the store again. */
    public void forget(String tokenId) {
        remembered.remove(tokenId);
    }

    private Optional<StoredBotToken> lookup(String tokenId) throws InvalidTokenException {
        long now = nanoClock.getAsLong();
        Remembered known = remembered.get(tokenId);
        if (known != null && now - known.readAtNanos() < rememberNanos) {
            return known.token();
        }
        Optional<StoredBotToken> read;
        try {
            read = store.find(tokenId);
        } catch (RuntimeException e) {
            throw new InvalidTokenException("bot tokens cannot be checked right now", e);
        }
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(tokenId, new Remembered(read, now));
        return read;
    }
}
