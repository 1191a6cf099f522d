package io.chorus.harness.history;

/**
 * A stretch of offered load, written when it ends: from {@code time} to {@code end} the workload offered
 * {@code rate} messages per second. A ramp writes one window per step ({@code step} counts from 0).
 */
public record PhaseWindow(String phase, int step, double rate, long time, long end) implements Op {}
