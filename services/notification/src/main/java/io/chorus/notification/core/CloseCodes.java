package io.chorus.notification.core;

/** WebSocket close codes of {@code /v1/ws} (docs/protocol.md lists each with its meaning). */
public final class CloseCodes {
    /** The instance shuts down: reconnect (to any instance) and resume. */
    public static final int GOING_AWAY = 1001;
    /** A frame above the size limit (Jetty closes with it). */
    public static final int TOO_BIG = 1009;
    /**
     * The instance already holds {@code websocket.maxAwaitingAuth} sockets that have not authenticated (or, when
     * set, {@code maxAwaitingAuthPerAddress} from this address): connect again after a short, jittered wait.
     */
    public static final int TRY_AGAIN_LATER = 1013;
    /** The server failed to set the session up or to send: reconnect and resume. */
    public static final int INTERNAL_ERROR = 1011;
    /** The token is missing, malformed, expired or badly signed: get a new token. */
    public static final int UNAUTHORIZED = 4001;
    /** No {@code auth} frame arrived in time. */
    public static final int AUTH_TIMEOUT = 4002;
    /**
     * The token the socket was opened with expired (its {@code exp} plus the allowed clock skew): reconnect with a
     * fresh token and the resume token. A socket never outlives its token (decision 0102).
     */
    public static final int TOKEN_EXPIRED = 4003;
    /** A bot's API token was revoked while its socket was open (decision 0216). */
    public static final int TOKEN_REVOKED = 4004;
    /** The client did not read fast enough: its outbound buffer filled up. Reconnect and resume. */
    public static final int SLOW_CONSUMER = 4008;
    /** The user already holds {@code websocket.maxSocketsPerUser} sessions on this instance: close one first. */
    public static final int TOO_MANY_SOCKETS = 4029;
    /** The instance lost events on its inbox (a NATS reconnect): reconnect and resume, which fills the gap. */
    public static final int RESUME_REQUIRED = 4009;

    private CloseCodes() {}
}
