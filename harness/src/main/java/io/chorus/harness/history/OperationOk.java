package io.chorus.harness.history;

/** An {@link OperationInvoke} was answered with success (a 2xx, or for churn: the socket was dropped). */
public record OperationOk(String id, long time) implements Op {}
