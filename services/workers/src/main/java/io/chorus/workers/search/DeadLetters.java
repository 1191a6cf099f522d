package io.chorus.workers.search;

import io.chorus.common.events.Subjects;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.IOException;

/**
 * Publishes an event a consumer gave up on to {@code dlq.<consumer>}: the original body, with headers naming its
 * stream, sequence, consumer, deliveries and the last error (decision 0002). The publish waits for its PubAck, so
 * the caller acks the original only once the dead letter is durable.
 */
public final class DeadLetters {
    public static final String STREAM_HEADER = "Chorus-Dlq-Stream";
    public static final String SEQUENCE_HEADER = "Chorus-Dlq-Sequence";
    public static final String SUBJECT_HEADER = "Chorus-Dlq-Subject";
    public static final String CONSUMER_HEADER = "Chorus-Dlq-Consumer";
    public static final String DELIVERIES_HEADER = "Chorus-Dlq-Deliveries";
    public static final String ERROR_HEADER = "Chorus-Dlq-Error";

    private final JetStream jetStream;
    private final String consumer;

    public DeadLetters(JetStream jetStream, String consumer) {
        this.jetStream = jetStream;
        this.consumer = consumer;
    }

    public void send(Message original, String error) throws IOException, JetStreamApiException {
        Headers headers = new Headers()
                .put(STREAM_HEADER, original.metaData().getStream())
                .put(SEQUENCE_HEADER, Long.toString(original.metaData().streamSequence()))
                .put(SUBJECT_HEADER, original.getSubject())
                .put(CONSUMER_HEADER, consumer)
                .put(DELIVERIES_HEADER, Long.toString(original.metaData().deliveredCount()))
                .put(ERROR_HEADER, oneLine(error));
        jetStream.publish(Subjects.deadLetter(consumer), headers, original.getData());
    }

    /** Header values are one line of printable text. */
    private static String oneLine(String error) {
        String text = error == null ? "unknown error" : error.replaceAll("[\\r\\n\\t]+", " ");
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
