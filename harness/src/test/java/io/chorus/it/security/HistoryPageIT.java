package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.events.UuidV7;
import io.chorus.harness.search.SearchFixture;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * History rows that never were messages (a delete or an edit naming an id the channel never had leaves a row
 * without a creation) take no room in a page: a page is full, or holds every message there is.
 */
@Order(63)
@ExtendWith(LocalStackExtension.class)
class HistoryPageIT {
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
    void deletesOfMessagesThatNeverExistedDoNotEmptyTheFirstPage() {
        String owner = SearchFixture.unique("u");
        String channel = SearchFixture.unique("c");
        steps.channel(owner, channel);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sent.add(0, steps.send(owner, channel, "real " + i).messageId().toString());
        }
        // the owner may delete any message of the channel: ids it never had, newer than every real message
        long last = 0;
        for (int i = 0; i < 60; i++) {
            UUID never = UuidV7.generate();
            last = steps.delete(owner, channel, never).seq();
        }
        steps.awaitWritten(last);

        JsonNode page = steps.history(owner, channel, 50);
        List<String> ids = new ArrayList<>();
        page.path("messages").forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).as("the first page: %s", page).containsExactlyElementsOf(sent);
        assertThat(page.path("hasMore").asBoolean()).isFalse();

        JsonNode two = steps.history(owner, channel, 2);
        assertThat(two.path("messages")).hasSize(2);
        assertThat(two.path("hasMore").asBoolean())
                .as("a full page says there is more")
                .isTrue();
    }
}
