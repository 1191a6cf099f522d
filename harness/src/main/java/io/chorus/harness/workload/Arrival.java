package io.chorus.harness.workload;

/**
 * One send of the open model, fixed before it is due: who sends what to which channel, and when the schedule wants
 * it sent ({@code intended}, epoch microseconds). {@code step} and {@code index} place it in the phase's schedules.
 */
public record Arrival(
        int step, long index, String clientMsgId, String channel, String sender, long intended, String text) {
    /** The request body of {@code POST /v1/channels/{id}/messages}; ids and text use JSON-safe characters only. */
    public String body() {
        return "{\"clientMsgId\":\"" + clientMsgId + "\",\"text\":\"" + text + "\"}";
    }
}
