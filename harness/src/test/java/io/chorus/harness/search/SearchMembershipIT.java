package io.chorus.harness.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.search.SearchFixture.Answer;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search's membership checks through the {@code permissions} KV (decision 0043), with memberships made and removed
 * through the real write path (command service, {@code META}, meta writer): a user in more channels than a filter
 * lists sees a channel's messages while a member and stops seeing them, with and without {@code channelId}, within
 * the documented bound after the removal is accepted.
 */
@Order(51)
@ExtendWith(LocalStackExtension.class)
class SearchMembershipIT {
    /** Decision 0043: the meta writer's KV delete follows the accepted removal; 1 s + 4 s as for sends (0010). */
    static final Duration REMOVAL_BOUND = Duration.ofSeconds(5);

    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);

    private static SearchFixture fixture;

    @BeforeAll
    static void connect(StackDescription description) {
        fixture = new SearchFixture(description);
    }

    @AfterAll
    static void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aRemovedMemberOfManyChannelsStopsSeeingTheChannelsHitsWithinTheBound() throws Exception {
        String heavy = SearchFixture.unique("u");
        String owner = SearchFixture.unique("u");
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            others.add(SearchFixture.unique("c"));
        }
        fixture.addMemberships(heavy, others);

        String channel = SearchFixture.unique("c");
        String outside = SearchFixture.unique("c");
        assertThat(command(
                        "POST",
                        "/v1/channels",
                        owner,
                        "{\"channelId\":\"" + channel + "\",\"name\":\"plans\","
                                + "\"kind\":\"private\",\"members\":[\"" + heavy + "\"]}"))
                .isEqualTo(202);
        assertThat(command(
                        "POST",
                        "/v1/channels",
                        owner,
                        "{\"channelId\":\"" + outside + "\",\"name\":\"other\","
                                + "\"kind\":\"private\",\"members\":[]}"))
                .isEqualTo(202);
        // both channels: a send to one the meta writer has not applied yet is a 404 (seen in a loaded IT run)
        Poll.until(
                "the meta writer gave " + heavy + " a role in " + channel + " and " + owner + " one in " + outside,
                APPLIED_WITHIN,
                () -> fixture.hasRole(channel, heavy) && fixture.hasRole(outside, owner));

        String word = SearchFixture.unique("w");
        assertThat(command(
                        "POST",
                        "/v1/channels/" + channel + "/messages",
                        heavy,
                        "{\"clientMsgId\":\"m1\",\"text\":\"launch plans " + word + "\"}"))
                .isEqualTo(202);
        assertThat(command(
                        "POST",
                        "/v1/channels/" + outside + "/messages",
                        owner,
                        "{\"clientMsgId\":\"m1\",\"text\":\"secret launch plans " + word + "\"}"))
                .isEqualTo(202);
        Poll.until(
                "both messages are searchable by their channels' members",
                APPLIED_WITHIN,
                () -> fixture.search(heavy, Map.of("q", word)).messageIds().size() == 1
                        && fixture.search(owner, Map.of("q", word)).messageIds().size() == 2);

        // more memberships than a filter lists: the verified path, every candidate's channel checked in the KV
        Answer seen = fixture.search(heavy, Map.of("q", word));
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().at("/hits/0/channelId").asText()).isEqualTo(channel);
        assertThat(fixture.search(heavy, Map.of("q", word, "channelId", channel))
                        .messageIds())
                .hasSize(1);
        assertThat(fixture.search(heavy, Map.of("q", word, "channelId", outside))
                        .status())
                .isEqualTo(403);

        assertThat(command("DELETE", "/v1/channels/" + channel + "/members/" + heavy, owner, null))
                .isEqualTo(202);
        Instant accepted = Instant.now();
        Poll.until(
                "the removed member's searches find nothing",
                REMOVAL_BOUND.plus(APPLIED_WITHIN),
                () -> fixture.search(heavy, Map.of("q", word)).messageIds().isEmpty()
                        && fixture.search(heavy, Map.of("q", word, "channelId", channel))
                                        .status()
                                == 403);
        Duration took = Duration.between(accepted, Instant.now());
        assertThat(took).as("hits gone %s after the removal was accepted", took).isLessThanOrEqualTo(REMOVAL_BOUND);
        assertThat(fixture.hasRole(channel, heavy)).isFalse();
        assertThat(fixture.search(owner, Map.of("q", word)).messageIds()).hasSize(2);
    }

    private int command(String method, String path, String user, String body) throws Exception {
        Response response = fixture.command(method, path, user, body);
        if (response.status() >= 300) {
            System.err.println(method + " " + path + " -> " + response);
        }
        return response.status();
    }
}
