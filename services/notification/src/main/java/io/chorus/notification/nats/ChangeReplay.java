package io.chorus.notification.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.Subjects;
import io.chorus.notification.core.ChannelChanges;
import io.chorus.notification.core.LiveSession;
import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.Message;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Replays to a resuming session the channel changes ({@code META} channel events) it missed, as the frames it
 * would have had live (decision 0250): from its token's {@code META} position to where its session was indexed.
 * Bounded like the event replay: a wider gap is refused and the client reads its channels instead.
 */
public class ChangeReplay {
    private static final String CHANNEL_META = Subjects.META_PREFIX + "channel.";

    private final Connection connection;
    private final long maxEvents;
    private final ObjectMapper json;

    public ChangeReplay(Connection connection, long maxEvents, ObjectMapper json) {
        this.connection = connection;
        this.maxEvents = maxEvents;
        this.json = json;
    }

    /** The last sequence of {@code META}: what a new session's changes start after. */
    public long lastSeq() throws Exception {
        return connection
                .jetStreamManagement()
                .getStreamInfo(Subjects.META_STREAM)
                .getStreamState()
                .getLastSequence();
    }

    /** Replays the user's changes in {@code (from, upTo]}; TOO_LARGE (nothing sent) past the bound. */
    public EventReplay.Outcome replay(LiveSession session, Set<String> channels, long from, long upTo)
            throws Exception {
        if (upTo <= from) {
            return EventReplay.Outcome.REPLAYED;
        }
        if (upTo - from > maxEvents) {
            return EventReplay.Outcome.TOO_LARGE;
        }
        try (IterableConsumer changes = connection
                .getStreamContext(Subjects.META_STREAM)
                .createOrderedConsumer(new OrderedConsumerConfiguration()
                        .filterSubject(CHANNEL_META + ">")
                        .deliverPolicy(DeliverPolicy.ByStartSequence)
                        .startSequence(from + 1))
                .iterate()) {
            while (true) {
                Message change = changes.nextMessage(Duration.ofSeconds(1));
                if (change == null) {
                    return EventReplay.Outcome.REPLAYED; // nothing more of the channel subjects up to the end
                }
                long seq = change.metaData().streamSequence();
                if (seq > upTo) {
                    return EventReplay.Outcome.REPLAYED;
                }
                replayOne(session, channels, seq, change);
            }
        }
    }

    private void replayOne(LiveSession session, Set<String> channels, long seq, Message change) throws IOException {
        String channel = change.getSubject().substring(CHANNEL_META.length());
        JsonNode event;
        try {
            event = json.readTree(change.getData());
        } catch (IOException malformed) {
            return; // the meta writer dead-letters it; it changed nothing
        }
        ChannelChanges.frameFor(session.userId(), channels.contains(channel), channel, event, change.getData())
                .ifPresent(frame -> session.replayChange(seq, frame));
    }
}
