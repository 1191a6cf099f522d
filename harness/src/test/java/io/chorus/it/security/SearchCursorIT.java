package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.events.EventEnvelope;
import io.chorus.harness.search.SearchFixture;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.api.PublishAck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A caller in more channels than a search filter lists pages through the best matches of all channels, each checked
 * against their memberships (decision 0040, path 3). The cursor that continues a page cut short after candidates of
 * channels they are not in must not tell them anything about those candidates; it must still continue the walk.
 */
@Order(62)
@ExtendWith(LocalStackExtension.class)
class SearchCursorIT {
    /** More than one request examines (2,000 candidates), so the first page ends on a foreign candidate. */
    private static final int FOREIGN_MESSAGES = 2_100;

    private static SearchFixture fixture;

    @BeforeAll
    static void connect(StackDescription stack) {
        fixture = new SearchFixture(stack);
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aCursorPastAnotherChannelsMessagesCarriesNoneOfTheirIdsAndStillContinues() throws Exception {
        String heavy = SearchFixture.unique("u");
        String light = SearchFixture.unique("u");
        String stranger = SearchFixture.unique("u");
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            channels.add(SearchFixture.unique("c"));
        }
        fixture.addMemberships(heavy, channels);
        String foreign = SearchFixture.unique("c");
        fixture.addMembers(foreign, stranger);
        fixture.addMembers(channels.get(0), light);

        String word = SearchFixture.unique("w");
        // the caller's own message is the oldest of equal matches, so the walk reaches it last
        EventEnvelope own = SearchFixture.created(channels.get(0), heavy, "budget " + word);
        List<String> foreignIds = new ArrayList<>();
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (int i = 0; i < FOREIGN_MESSAGES; i++) {
            EventEnvelope event = SearchFixture.created(foreign, stranger, "budget " + word);
            foreignIds.add(event.id().toString());
            acks.add(fixture.publishAsync(event));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        long last = fixture.publish(own).sequence();
        fixture.awaitAcked(MessageSteps.SEARCH_INDEXER, last, MessageSteps.APPLIED_WITHIN);
        // a message indexed after all of them is searchable: the index was refreshed after every one
        String marker = SearchFixture.unique("w");
        EventEnvelope after = SearchFixture.created(channels.get(0), light, "marker " + marker);
        fixture.publish(after);
        new MessageSteps(fixture).awaitSearchable(light, marker, after.id());

        List<String> seen = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        Map<String, String> params = new HashMap<>(Map.of("q", word, "limit", "20"));
        for (int page = 0; page < 10; page++) {
            SearchFixture.Answer answer = fixture.search(heavy, params);
            assertThat(answer.status()).as("page %d: %s", page, answer.body()).isEqualTo(200);
            seen.addAll(answer.messageIds());
            String next = answer.body().path("nextCursor").asText(null);
            if (next == null) {
                break;
            }
            cursors.add(next);
            params.put("cursor", next);
        }

        assertThat(seen)
                .as("every page together: the caller's one message, once")
                .containsExactly(own.id().toString());
        assertThat(cursors)
                .as("the first page stopped at the budget, so a cursor was handed out")
                .isNotEmpty();
        for (String cursor : cursors) {
            // whatever prefix a format puts before its base64url body
            String body = cursor.substring(cursor.indexOf('.') + 1);
            String decoded = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.ISO_8859_1);
            assertThat(foreignIds)
                    .as("cursor %s decodes to %s", cursor, decoded)
                    .noneMatch(id -> decoded.contains(id) || cursor.contains(id));
        }

        Map<String, String> tampered = new HashMap<>(params);
        String cursor = cursors.get(0);
        char changed = cursor.charAt(10) == 'A' ? 'B' : 'A';
        tampered.put("cursor", cursor.substring(0, 10) + changed + cursor.substring(11));
        SearchFixture.Answer refused = fixture.search(heavy, tampered);
        assertThat(refused.status()).as("a changed cursor: %s", refused.body()).isEqualTo(400);
        assertThat(refused.body().path("error").path("code").asText()).isEqualTo("invalid_cursor");
    }
}
