package io.chorus.harness.history;

/**
 * A send was due and was made. {@code intended} is when the open-model schedule wanted it sent; {@code time} is
 * when the request actually left. Latencies are measured from {@code intended}, so a stalled sender cannot hide
 * its stall (no coordinated omission).
 *
 * @param clientMsgId the idempotency key the harness chose; joins the completion and the stored message
 */
public record SendInvoke(
        String clientMsgId, String channel, String sender, String phase, long intended, long time, int size)
        implements Op {}
