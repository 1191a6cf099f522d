package io.chorus.common.routing;

/**
 * Subjects of the routing protocol between notification and fan-out instances (core NATS, request-reply).
 * Everything a fan-out sends to a notification instance travels on the instance's one inbox,
 * {@code instance.events.<instanceId>}, told apart by the {@link #KIND_HEADER} header.
 */
public final class RoutingSubjects {
    /** Interest deltas for fan-out partition N: {@code fanout.interest.<N>}; the reply confirms they apply. */
    public static final String INTEREST_PREFIX = "fanout.interest.";

    /**
     * Header on inbox messages: {@code event} (default when absent), {@code reannounce}, {@code membership},
     * {@code typing}, {@code read}.
     */
    public static final String KIND_HEADER = "Chorus-Kind";

    public static final String KIND_EVENT = "event";
    public static final String KIND_REANNOUNCE = "reannounce";
    public static final String KIND_MEMBERSHIP = "membership";
    /** Header: the JetStream stream sequence of a forwarded event. */
    public static final String SEQ_HEADER = "Chorus-Seq";

    public static final String KIND_TYPING = "typing";
    /** A read mark ({@code channel.read}) for the sessions of its user (decision 0251). */
    public static final String KIND_READ = "read";
    /** Header: the channel of a forwarded event or typing notice. */
    public static final String CHANNEL_HEADER = "Chorus-Channel";
    /**
     * Header on a re-announce request: {@code readmitted} when the fan-out had dropped the instance (missed
     * heartbeats) and sees it again: events of the instance's channels were not routed to it meanwhile.
     */
    public static final String REASON_HEADER = "Chorus-Reason";

    public static final String REASON_READMITTED = "readmitted";
    /** Header: the fan-out partition that forwarded the message. */
    public static final String PARTITION_HEADER = "Chorus-Partition";

    private RoutingSubjects() {}

    public static String interest(int partition) {
        return INTEREST_PREFIX + partition;
    }
}
