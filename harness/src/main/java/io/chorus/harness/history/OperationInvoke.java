package io.chorus.harness.history;

/**
 * An operation of a phase's mix (anything but a send: a history read, an edit, a reaction, a read mark, a join, a
 * socket dropped for churn...) was due and was made. As a send, it is followed by exactly one {@link OperationOk} or
 * {@link OperationFail} with the same {@code id}; its latency is measured from {@code intended}.
 *
 * @param op      what was done, as the mix names it ({@code history}, {@code react}, {@code join}, ...)
 * @param user    who did it (whose token; for {@code churn}, whose socket was dropped)
 * @param channel the channel it acted on, or null (search, my-channels, churn)
 * @param target  what in the channel it acted on: a message id (edit, delete, react, read), the member joined or
 *                left, an emoji after a slash for a reaction ({@code <messageId>/<emoji>}); or null
 */
public record OperationInvoke(
        String id, String op, String user, String channel, String target, String phase, long intended, long time)
        implements Op {}
