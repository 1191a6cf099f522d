package io.chorus.common.nats;

import io.chorus.common.events.Subjects;
import io.nats.client.JetStream;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.impl.Headers;
import java.time.Duration;

/**
 * Moves a message a consumer gave up on to the {@code DEADLETTER} stream ({@code dlq.<consumer>}), then acks it
 * so the consumer moves on. The copy carries the original body and headers plus where it came from and why it
 * failed. Its {@code Nats-Msg-Id} is {@code <consumer>:<stream>:<seq>}: dead-lettering the same message twice
 * (after a crash between publish and ack) stores it once.
 */
public final class DeadLetters {
    public static final String STREAM_HEADER = "Chorus-Dlq-Stream";
    public static final String SEQUENCE_HEADER = "Chorus-Dlq-Sequence";
    public static final String CONSUMER_HEADER = "Chorus-Dlq-Consumer";
    public static final String SUBJECT_HEADER = "Chorus-Dlq-Subject";
    public static final String ERROR_HEADER = "Chorus-Dlq-Error";
    public static final String DELIVERIES_HEADER = "Chorus-Dlq-Deliveries";

    private final JetStream js;
    private final String consumer;
    private final Duration ackTimeout;

    public DeadLetters(JetStream js, String consumer) {
        this(js, consumer, Duration.ofSeconds(5));
    }

    public DeadLetters(JetStream js, String consumer, Duration ackTimeout) {
        this.js = js;
        this.consumer = Subjects.requireToken(consumer);
        this.ackTimeout = ackTimeout;
    }

    public void deadLetter(Message message, String error) throws Exception {
        Headers headers = new Headers();
        if (message.getHeaders() != null) {
            message.getHeaders().entrySet().forEach(e -> {
                if (!e.getKey().equalsIgnoreCase("Nats-Msg-Id")) {
                    headers.put(e.getKey(), e.getValue());
                }
            });
        }
        var meta = message.metaData();
        headers.put(STREAM_HEADER, meta.getStream());
        headers.put(SEQUENCE_HEADER, Long.toString(meta.streamSequence()));
        headers.put(CONSUMER_HEADER, consumer);
        headers.put(SUBJECT_HEADER, message.getSubject());
        headers.put(DELIVERIES_HEADER, Long.toString(meta.deliveredCount()));
        headers.put(ERROR_HEADER, headerValue(error == null ? "unknown error" : error));
        js.publishAsync(
                        Subjects.deadLetter(consumer),
                        headers,
                        message.getData() == null ? new byte[0] : message.getData(),
                        PublishOptions.builder()
                                .messageId(consumer + ":" + meta.getStream() + ":" + meta.streamSequence())
                                .build())
                .get(ackTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        message.ack();
    }

    /** A header value is one line of printable ASCII: exception messages are not. */
    static String headerValue(String error) {
        String line = error.replaceAll("[^\\x20-\\x7E]+", " ")
                .replaceAll(" {2,}", " ")
                .trim();
        return line.length() > 500 ? line.substring(0, 500) : line;
    }
}
