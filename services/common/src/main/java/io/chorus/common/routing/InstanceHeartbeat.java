package io.chorus.common.routing;

import java.time.Instant;
import java.util.List;

/**
 * The value of a notification instance's key in the {@code instances} KV, refreshed every few seconds (the bucket's
 * TTL drops an instance that stops). {@code seqs}: the last interest-delta sequence number sent to each fan-out
 * partition, so a fan-out notices a lost last delta and asks for a re-announce.
 */
public record InstanceHeartbeat(String instanceId, Instant at, List<Long> seqs, int sessions) {}
