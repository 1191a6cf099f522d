package io.chorus.notification.core;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sockets of each bot token, so a revocation closes them (decision 0216): a socket is added when a bot's
 * token authenticates it and removed when it closes; {@link #revoked} closes every socket the token still holds.
 */
public final class TokenSockets {
    /** How a socket is closed when its token is revoked. */
    @FunctionalInterface
    public interface Closer {
        void closeRevoked();
    }

    private final Map<String, Set<Closer>> sockets = new ConcurrentHashMap<>();

    public void opened(String tokenId, Closer socket) {
        sockets.computeIfAbsent(tokenId, id -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    public void closed(String tokenId, Closer socket) {
        sockets.computeIfPresent(tokenId, (id, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }

    /** Closes every socket of {@code tokenId}; returns how many. */
    public int revoked(String tokenId) {
        Set<Closer> open = sockets.remove(tokenId);
        if (open == null) {
            return 0;
        }
        open.forEach(Closer::closeRevoked);
        return open.size();
    }

    /** Sockets open with {@code tokenId}. */
    public int open(String tokenId) {
        Set<Closer> open = sockets.get(tokenId);
        return open == null ? 0 : open.size();
    }
}
