package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.harness.search.SearchFixture;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deleted message stays deleted in history and search, whatever edit reaches the writers after the delete: a
 * new edit accepted after it, or an earlier edit delivered again.
 */
@Order(61)
@ExtendWith(LocalStackExtension.class)
class DeleteIsFinalIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SearchFixture fixture;
    private static MessageSteps steps;

    @BeforeAll
    static void connect(StackDescription stack) {
        fixture = new SearchFixture(stack);
        steps = new MessageSteps(fixture);
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void anEditSentAfterTheDeleteDoesNotBringTheMessageBack() {
        String author = SearchFixture.unique("u");
        String channel = SearchFixture.unique("c");
        steps.channel(author, channel);
        String word = SearchFixture.unique("w");
        MessageSteps.Accepted message = steps.send(author, channel, "draft " + word);
        steps.awaitSearchable(author, word, message.messageId());

        steps.delete(author, channel, message.messageId());
        String edited = SearchFixture.unique("w");
        MessageSteps.Accepted edit = steps.edit(author, channel, message.messageId(), "revived " + edited);
        steps.awaitWritten(edit.seq());

        assertDeleted(author, channel, message, word, edited);
    }

    @Test
    void anEarlierEditDeliveredAgainAfterTheDeleteDoesNotBringTheMessageBack() {
        String author = SearchFixture.unique("u");
        String channel = SearchFixture.unique("c");
        steps.channel(author, channel);
        String word = SearchFixture.unique("w");
        MessageSteps.Accepted message = steps.send(author, channel, "draft " + word);
        String edited = SearchFixture.unique("w");
        steps.awaitWritten(steps.edit(author, channel, message.messageId(), "second draft " + edited)
                .seq());
        steps.awaitSearchable(author, edited, message.messageId());
        Instant beforeDelete = Instant.now();
        steps.awaitWritten(steps.delete(author, channel, message.messageId()).seq());

        // the edit reaches the stream again (a publish retried past the duplicate window): its own time, a new sequence
        ObjectNode payload = JSON.createObjectNode()
                .put("messageId", message.messageId().toString())
                .put("text", "second draft " + edited);
        EventEnvelope again = new EventEnvelope(
                UUID.randomUUID(), EventTypes.MESSAGE_EDITED, channel, author, beforeDelete.minusMillis(1), payload);
        steps.awaitWritten(fixture.publishAgain(again).sequence());

        assertDeleted(author, channel, message, word, edited);
    }

    private static void assertDeleted(
            String author, String channel, MessageSteps.Accepted message, String word, String edited) {
        // a message sent after the edit was written is searchable, so the index was refreshed after the edit
        String marker = SearchFixture.unique("w");
        steps.awaitSearchable(
                author, marker, steps.send(author, channel, "marker " + marker).messageId());
        JsonNode history = steps.history(author, channel, 10).path("messages");
        JsonNode row = null;
        for (JsonNode m : history) {
            if (m.path("id").asText().equals(message.messageId().toString())) {
                row = m;
            }
        }
        assertThat(row)
                .as("the deleted message keeps its place in history: %s", history)
                .isNotNull();
        assertThat(row.path("deleted").asBoolean()).as("still deleted: %s", row).isTrue();
        assertThat(row.has("text")).as("no text after the delete: %s", row).isFalse();
        assertThat(fixture.search(author, Map.of("q", edited, "channelId", channel))
                        .messageIds())
                .as("the edited words find nothing")
                .isEmpty();
        assertThat(fixture.search(author, Map.of("q", word, "channelId", channel))
                        .messageIds())
                .as("nor do the original words")
                .isEmpty();
    }
}
