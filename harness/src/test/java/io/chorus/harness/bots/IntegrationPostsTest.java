package io.chorus.harness.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.harness.Poll;
import io.chorus.harness.client.ChorusClient.Service;
import io.chorus.harness.history.History;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.scenario.WebhooksSpec;
import io.chorus.harness.webhook.FakeApi;
import io.chorus.harness.workload.LiveCounters;
import io.chorus.harness.workload.SendRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The run's incoming webhook and bot: how they are made, and that each post is recorded as a send. */
class IntegrationPostsTest {
    private static final WebhooksSpec SPEC =
            new WebhooksSpec(2, "g", 1, List.of("message.created"), 5, 20, 0.05, Duration.ofMinutes(1));

    private static FakeApi api(AtomicInteger posts) {
        return new FakeApi(r -> switch (r.method() + " " + r.path()) {
            case "POST /v1/channels/g-0/incoming-webhooks" ->
                FakeApi.answer(201, "{\"hookId\":\"h1\",\"secret\":\"s\",\"url\":\"/v1/hooks/h1/s\"}");
            case "POST /v1/bots" -> FakeApi.answer(201, "{\"botId\":\"b1\",\"userId\":\"bot_b1\"}");
            case "POST /v1/bots/b1/tokens" -> FakeApi.answer(201, "{\"token\":\"cbt_b1\"}");
            case "POST /v1/channels/g-0/members" -> FakeApi.answer(202, "{\"eventId\":\"e\"}");
            case "GET /v1/channels/g-0" -> FakeApi.answer(200, "{\"channelId\":\"g-0\"}");
            case "POST /v1/hooks/h1/s", "POST /v1/channels/g-0/messages" ->
                FakeApi.answer(202, "{\"messageId\":\"m" + posts.incrementAndGet() + "\"}");
            default -> null;
        });
    }

    @Test
    void theOwnerMakesTheHookAndAddsTheBotWhichTheAdminMakesWithAChannelScopedToken() {
        FakeApi api = api(new AtomicInteger());
        IntegrationPosts posts = IntegrationPosts.prepare(api, SPEC, "owner", "admin", Duration.ofSeconds(5));
        posts.close();

        assertThat(posts.senders()).containsExactly("hook_h1", "bot_b1");
        assertThat(api.requests())
                .extracting(r -> r.method() + " " + r.path() + " " + r.bearer())
                .containsExactly(
                        "POST /v1/channels/g-0/incoming-webhooks owner",
                        "POST /v1/bots admin",
                        "POST /v1/bots/b1/tokens admin",
                        "POST /v1/channels/g-0/members owner",
                        "GET /v1/channels/g-0 cbt_b1");
        assertThat(api.requests().get(2).body())
                .isEqualTo("{\"scopes\":[\"read\",\"write\"],\"channelIds\":[\"g-0\"]}");
        assertThat(api.requests().get(3).body()).isEqualTo("{\"userIds\":[\"bot_b1\"],\"role\":\"member\"}");
    }

    @Test
    void aRateOfZeroMakesNothing() {
        FakeApi api = api(new AtomicInteger());
        WebhooksSpec none = new WebhooksSpec(2, "g", 1, List.of("message.created"), 0, 0, 0.05, Duration.ZERO);
        IntegrationPosts.prepare(api, none, "owner", "admin", Duration.ofSeconds(5))
                .close();

        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aRefusedSetUpFailsNamingWhatWasRefused() {
        FakeApi api = new FakeApi(r -> null);
        assertThatThrownBy(() -> IntegrationPosts.prepare(api, SPEC, "owner", "admin", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("creating the incoming webhook was refused")
                .hasMessageContaining("404");
    }

    @Test
    void eachPostIsRecordedAsASendAndItsAnswer() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        FakeApi api = api(accepted);
        Path file = Files.createTempDirectory("posts").resolve(History.FILE);
        RunClock clock = new RunClock();
        try (HistoryWriter history = new HistoryWriter(file)) {
            IntegrationPosts posts = IntegrationPosts.prepare(api, SPEC, "owner", "admin", Duration.ofSeconds(5));
            posts.start(new SendRecorder(history, clock, new LiveCounters(), "integrations"), clock);
            Poll.until("a few posts of each", Duration.ofSeconds(10), () -> accepted.get() >= 6);
            posts.close();
        }
        History history = History.read(file);
        List<SendInvoke> invokes = history.of(SendInvoke.class).toList();

        assertThat(invokes).extracting(SendInvoke::sender).contains("hook_h1", "bot_b1");
        assertThat(invokes).allMatch(i -> i.channel().equals("g-0") && i.phase().equals("integrations"));
        assertThat(history.of(SendOk.class).count()).isEqualTo(invokes.size());
        FakeApi.Request hookPost = api.requests().stream()
                .filter(r -> r.path().equals("/v1/hooks/h1/s"))
                .findFirst()
                .orElseThrow();
        assertThat(hookPost.service()).isEqualTo(Service.COMMAND);
        assertThat(hookPost.bearer()).isNull();
        assertThat(hookPost.body()).isEqualTo("{\"clientMsgId\":\"int-hook-0\",\"text\":\"hook post 0\"}");
    }
}
