package io.chorus.harness.bots;

import io.chorus.harness.client.ChorusClient.Service;
import io.chorus.harness.client.Response;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.scenario.WebhooksSpec;
import io.chorus.harness.webhook.WebhookApi;
import io.chorus.harness.workload.Arrival;
import io.chorus.harness.workload.SendRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run's integrations posting into the first channel of a {@code webhooks:} section (decision 0216): an incoming
 * webhook made by the channel's owner, and a bot made by a platform admin, given a read/write token for that
 * channel and added to it by the owner. Each posts at its own steady rate while the load runs, and each post is
 * recorded in the history as any send (invoke, then its answer), so the checkers hold it to what they hold a user's
 * message to: acknowledged, stored once, delivered to every online member.
 */
public final class IntegrationPosts implements AutoCloseable {
    /** Who posts, how, and as whom (the author the stored message names). */
    record Poster(String name, String sender, String path, String bearer, double perSecond) {}

    private final WebhookApi api;
    private final String channel;
    private final List<Poster> posters;
    private final ScheduledExecutorService threads;

    IntegrationPosts(WebhookApi api, String channel, List<Poster> posters) {
        this.api = api;
        this.channel = channel;
        this.posters = List.copyOf(posters);
        this.threads = Executors.newScheduledThreadPool(Math.max(1, posters.size()), r -> {
            Thread t = new Thread(r, "integration-posts");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Makes the section's incoming webhook and bot (those with a rate above 0) and returns once the bot's membership
     * is readable; throws naming the refused request otherwise.
     */
    public static IntegrationPosts prepare(
            WebhookApi api, WebhooksSpec spec, String ownerBearer, String adminBearer, Duration timeout) {
        String channel = spec.channelIds().get(0);
        List<Poster> posters = new ArrayList<>();
        if (spec.incomingPerSecond() > 0) {
            Response hook = expect(
                    api.send(
                            Service.COMMAND,
                            "POST",
                            "/v1/channels/" + channel + "/incoming-webhooks",
                            ownerBearer,
                            "{\"name\":\"harness\"}"),
                    "creating the incoming webhook");
            posters.add(new Poster(
                    "hook",
                    "hook_" + hook.json().path("hookId").asText(),
                    hook.json().path("url").asText(),
                    null,
                    spec.incomingPerSecond()));
        }
        if (spec.botPerSecond() > 0) {
            posters.add(bot(api, channel, ownerBearer, adminBearer, spec.botPerSecond(), timeout));
        }
        return new IntegrationPosts(api, channel, posters);
    }

    private static Poster bot(
            WebhookApi api,
            String channel,
            String ownerBearer,
            String adminBearer,
            double perSecond,
            Duration timeout) {
        Response bot = expect(
                api.send(Service.COMMAND, "POST", "/v1/bots", adminBearer, "{\"name\":\"harness\"}"),
                "creating the bot");
        String botId = bot.json().path("botId").asText();
        String userId = bot.json().path("userId").asText();
        String token = expect(
                        api.send(
                                Service.COMMAND,
                                "POST",
                                "/v1/bots/" + botId + "/tokens",
                                adminBearer,
                                "{\"scopes\":[\"read\",\"write\"],\"channelIds\":[\"" + channel + "\"]}"),
                        "creating the bot's token")
                .json()
                .path("token")
                .asText();
        expect(
                api.send(
                        Service.COMMAND,
                        "POST",
                        "/v1/channels/" + channel + "/members",
                        ownerBearer,
                        "{\"userIds\":[\"" + userId + "\"],\"role\":\"member\"}"),
                "adding the bot to " + channel);
        io.chorus.harness.Poll.until(
                "the bot's membership of " + channel,
                timeout,
                () -> api.send(Service.QUERY, "GET", "/v1/channels/" + channel, token, null)
                                .status()
                        == 200);
        return new Poster("bot", userId, "/v1/channels/" + channel + "/messages", token, perSecond);
    }

    private static Response expect(Response answer, String what) {
        if (answer.status() / 100 != 2 || answer.json() == null) {
            throw new IllegalStateException(what + " was refused: " + answer);
        }
        return answer;
    }

    /** The authors of the posts ({@code hook_<hookId>}, the bot's user): no reader of the store among them. */
    public List<String> senders() {
        return posters.stream().map(Poster::sender).toList();
    }

    /** Starts posting now, each poster at its rate, every post recorded by {@code recorder}. */
    public void start(SendRecorder recorder, RunClock clock) {
        long started = clock.nowMicros();
        for (Poster poster : posters) {
            long periodMicros = Math.round(1_000_000 / poster.perSecond());
            AtomicLong index = new AtomicLong();
            threads.scheduleAtFixedRate(
                    () -> post(poster, index.getAndIncrement(), started, periodMicros, recorder),
                    0,
                    periodMicros,
                    TimeUnit.MICROSECONDS);
        }
    }

    private void post(Poster poster, long index, long started, long periodMicros, SendRecorder recorder) {
        String clientMsgId = "int-" + poster.name() + "-" + index;
        Arrival arrival = new Arrival(
                0,
                index,
                clientMsgId,
                channel,
                poster.sender(),
                started + index * periodMicros,
                poster.name() + " post " + index);
        recorder.invoked(arrival);
        try {
            Response answer = api.send(Service.COMMAND, "POST", poster.path(), poster.bearer(), arrival.body());
            recorder.answered(arrival, answer.status(), answer.body());
        } catch (RuntimeException e) {
            recorder.unanswered(arrival, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Stops posting; a post in flight completes (and is recorded) first. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
