package io.chorus.harness.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SendFail;
import io.chorus.harness.history.SendInfo;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import java.io.IOException;

/**
 * Writes what happened to each send into the history, as Jepsen's client does: an invoke when the request leaves,
 * then exactly one completion. Thread-safe (the REST driver calls it from its I/O threads). Also feeds the live
 * counters of the progress line.
 */
public final class SendRecorder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HistoryWriter history;
    private final RunClock clock;
    private final LiveCounters live;
    private final String phase;

    public SendRecorder(HistoryWriter history, RunClock clock, LiveCounters live, String phase) {
        this.history = history;
        this.clock = clock;
        this.live = live;
        this.phase = phase;
    }

    /** The request of {@code arrival} is leaving now. */
    public void invoked(Arrival arrival) {
        history.append(new SendInvoke(
                arrival.clientMsgId(),
                arrival.channel(),
                arrival.sender(),
                phase,
                arrival.intended(),
                clock.nowMicros(),
                arrival.text().length()));
        live.sent();
    }

    /** An HTTP answer arrived ({@code body} may be null or not JSON). */
    public void answered(Arrival arrival, int status, String body) {
        Op op = completion(arrival.clientMsgId(), status, body, clock.nowMicros());
        history.append(op);
        if (op instanceof SendOk ok) {
            live.acked(ok.time() - arrival.intended());
        } else {
            live.error();
        }
    }

    /** No answer came: a timeout or a broken connection. The send may or may not have been accepted. */
    public void unanswered(Arrival arrival, String reason) {
        history.append(new SendInfo(arrival.clientMsgId(), reason, clock.nowMicros()));
        live.error();
    }

    /**
     * What an answer means: a 202 with a {@code messageId} is the promise ({@code ok}); any other status is a
     * definite refusal ({@code fail}, with the error code of the JSON error body when there is one); a 202 without
     * a {@code messageId} broke the protocol, so nothing is known of the send ({@code info}).
     */
    static Op completion(String clientMsgId, int status, String body, long time) {
        JsonNode json = parse(body);
        if (status == 202) {
            String messageId = json == null ? null : json.path("messageId").asText(null);
            return messageId == null
                    ? new SendInfo(clientMsgId, "202 without a messageId: " + abbreviate(body), time)
                    : new SendOk(clientMsgId, messageId, status, time);
        }
        String code = json == null ? null : json.path("error").path("code").asText(null);
        return new SendFail(clientMsgId, status, code == null ? "http-" + status : code, time);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "no body" : body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
