package io.chorus.harness.history;

/** The nemesis held fault {@code fault} on {@code target} from {@code time} until {@code end}. */
public record FaultWindow(String fault, String target, long time, long end) implements Op {}
