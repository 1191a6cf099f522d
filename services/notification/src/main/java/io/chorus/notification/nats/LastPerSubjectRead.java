package io.chorus.notification.nats;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * One JetStream direct-get "multi_last" request: the last message of every subject that matches a filter, answered
 * by any replica of a stream with direct get allowed, WITHOUT creating a consumer. Creating a consumer is a
 * cluster-wide (meta-layer) operation; thousands of sockets connecting at once made thousands of them and timed out
 * (decision 0020, revision 2). The server answers at most {@value #SERVER_LIMIT} subjects per request and refuses
 * more with status 413; the caller then needs another way to read.
 */
final class LastPerSubjectRead {
    /** The server's cap on one multi_last answer (nats-server's maxAllowedResponses). */
    static final int SERVER_LIMIT = 1024;

    private final Connection connection;
    private final String stream;
    private final Duration timeout;

    LastPerSubjectRead(Connection connection, String stream, Duration timeout) {
        this.connection = connection;
        this.stream = stream;
        this.timeout = timeout;
    }

    /**
     * The subjects matching {@code filter} whose last message is a KV put (a delete or purge marker means the key is
     * gone), or empty when more than {@value #SERVER_LIMIT} subjects match.
     */
    Optional<List<String>> liveSubjects(String filter) throws IOException, InterruptedException, TimeoutException {
        String inbox = connection.createInbox();
        Subscription replies = connection.subscribe(inbox);
        try {
            connection.publish("$JS.API.DIRECT.GET." + stream, inbox, request(filter));
            List<String> live = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Message reply = replies.nextMessage(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (reply == null) {
                    throw new TimeoutException("no end of batch from " + stream + " within " + timeout);
                }
                if (reply.isStatusMessage()) {
                    return ended(reply, live);
                }
                Headers headers = reply.getHeaders();
                String operation = headers == null ? null : headers.getFirst("KV-Operation");
                if (operation == null || operation.equals("PUT")) {
                    live.add(headers == null ? reply.getSubject() : headers.getFirst("Nats-Subject"));
                }
            }
        } finally {
            replies.unsubscribe();
        }
    }

    private Optional<List<String>> ended(Message status, List<String> live) throws IOException {
        int code = status.getStatus().getCode();
        return switch (code) {
            case 204 -> Optional.of(live); // end of batch
            case 404 -> Optional.of(List.of()); // no subject matches
            case 413 -> Optional.empty(); // too many subjects for one answer
            default ->
                throw new IOException("direct get on " + stream + " answered " + code + " "
                        + status.getStatus().getMessage());
        };
    }

    private static byte[] request(String filter) {
        return ("{\"multi_last\":[\"" + filter + "\"]}").getBytes(StandardCharsets.US_ASCII);
    }
}
