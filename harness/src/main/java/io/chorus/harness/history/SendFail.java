package io.chorus.harness.history;

/** The send was definitely refused ({@code status} is the HTTP status: 4xx, 503, ...). Nothing was promised. */
public record SendFail(String clientMsgId, int status, String error, long time) implements Op {}
