package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.search.SearchFixture;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A delete names a channel and a message, and removes from search only that message of that channel: a manager of
 * one channel who names another channel's message under their own channel removes nothing from the other.
 */
@Order(60)
@ExtendWith(LocalStackExtension.class)
class SearchDeleteScopeIT {
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
    void aManagerOfOneChannelCannotDeleteAnotherChannelsMessageFromSearch() {
        String alice = SearchFixture.unique("u");
        String bob = SearchFixture.unique("u");
        String hers = SearchFixture.unique("c");
        String his = SearchFixture.unique("c");
        steps.channel(alice, hers);
        steps.channel(bob, his);
        String word = SearchFixture.unique("w");
        MessageSteps.Accepted message = steps.send(bob, his, "quarterly numbers " + word);
        steps.awaitSearchable(bob, word, message.messageId());

        // alice owns her channel, so the command service lets her delete "its" message with bob's id
        MessageSteps.Accepted forged = steps.delete(alice, hers, message.messageId());
        steps.awaitWritten(forged.seq());
        // a later message of the same day's index, searchable only after a refresh that follows the forged delete
        String marker = SearchFixture.unique("w");
        MessageSteps.Accepted later = steps.send(alice, hers, "marker " + marker);
        steps.awaitSearchable(alice, marker, later.messageId());

        assertThat(fixture.search(bob, Map.of("q", word)).messageIds())
                .as("bob's message is still searchable in his channel")
                .containsExactly(message.messageId().toString());
        assertThat(fixture.search(bob, Map.of("q", word, "channelId", his)).messageIds())
                .containsExactly(message.messageId().toString());
        assertThat(steps.history(bob, his, 10)
                        .path("messages")
                        .get(0)
                        .path("deleted")
                        .asBoolean())
                .as("and not deleted in his history")
                .isFalse();
    }
}
