package io.chorus.harness.history;

/** The send was answered 202 Accepted: a promise that {@code messageId} is durable and will reach every member. */
public record SendOk(String clientMsgId, String messageId, int status, long time) implements Op {}
