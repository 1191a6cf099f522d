package io.chorus.notification.core;

import io.chorus.common.api.TokenBuckets;

/**
 * How many {@code typing} frames become notices: a token bucket per session and one per user (all of the user's
 * sockets on this instance), the REST API's per-user limiter shape. Each notice that passes is one NATS publish and
 * a frame to every online member of the channel, so a client that floods them would otherwise cost the whole
 * channel; refused frames cost only an error frame to their sender.
 */
public final class TypingLimits {
    private final TokenBuckets perSession;
    private final TokenBuckets perUser;

    public TypingLimits(TokenBuckets perSession, TokenBuckets perUser) {
        this.perSession = perSession;
        this.perUser = perUser;
    }

    /** Whether a typing frame of this session may go out now; takes its tokens when it may. */
    public boolean tryTake(String sessionId, String userId) {
        return perSession.tryTake(sessionId) && perUser.tryTake(userId);
    }

    /** A closed session's bucket goes at once (its id never comes back). */
    public void closed(String sessionId) {
        perSession.forget(sessionId);
    }
}
