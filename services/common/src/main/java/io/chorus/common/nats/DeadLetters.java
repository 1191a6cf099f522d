package io.chorus.common.nats;

import io.chorus.common.events.Subjects;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.IOException;

/**
 * Puts a message a consumer gave up on into the {@code DEADLETTER} stream ({@code dlq.<consumer>}), with headers
 * naming where it came from and why. Returns only after the PubAck, so the caller may then ack the original.
 */
public final class DeadLetters {
    public static final String STREAM_HEADER = "Chorus-Stream";
    public static final String SEQUENCE_HEADER = "Chorus-Stream-Seq";
    public static final String CONSUMER_HEADER = "Chorus-Consumer";
    public static final String ERROR_HEADER = "Chorus-Error";

    private final Connection connection;
    private final String consumer;

    public DeadLetters(Connection connection, String consumer) {
        this.connection = connection;
        this.consumer = consumer;
    }

    public void send(Message original, String error) throws IOException, JetStreamApiException {
        Headers headers = new Headers()
                .put(STREAM_HEADER, original.metaData().getStream())
                .put(SEQUENCE_HEADER, Long.toString(original.metaData().streamSequence()))
                .put(CONSUMER_HEADER, consumer)
                .put(ERROR_HEADER, headerValue(error));
        // the same original sequence dead-lettered twice (a crash between PubAck and ack) is stored once
        headers.put("Nats-Msg-Id", consumer + ":" + original.metaData().streamSequence());
        connection.jetStream().publish(Subjects.deadLetter(consumer), headers, original.getData());
    }

    /** A header value is one line of printable ASCII: exception messages are not. */
    static String headerValue(String error) {
        String line = error.replaceAll("[^\\x20-\\x7E]+", " ").replaceAll(" {2,}", " ").trim();
        return line.length() > 500 ? line.substring(0, 500) : line;
    }
}
