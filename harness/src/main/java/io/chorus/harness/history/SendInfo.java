package io.chorus.harness.history;

/**
 * The send got no answer (timeout, connection reset): it may or may not have been accepted. The checker owes it
 * no delivery but still counts it as an error, and a copy of it that does arrive must arrive once.
 */
public record SendInfo(String clientMsgId, String error, long time) implements Op {}
