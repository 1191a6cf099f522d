package io.chorus.harness.history;

/**
 * A reading of a gauge or counter outside the history's own operations, such as a fan-out instance's publish
 * counter or a notification instance's NATS subscription count ({@code source} names where it was read).
 */
public record Sample(String metric, String source, double value, long time) implements Op {}
