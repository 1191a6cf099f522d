package io.chorus.common.routing;

/**
 * A fan-out partition's answer to an interest delta: applied, and {@code position}, the last {@code MESSAGES}
 * stream sequence it had routed when it applied it. Every event after {@code position} is routed with the delta
 * in force; a session armed by this reply replays up to {@code position} from JetStream and takes the rest live.
 */
public record InterestReply(int partition, long position) {}
