package io.chorus.it.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.events.DirectChannels;
import io.chorus.common.events.Subjects;
import io.chorus.common.presence.PresenceEntry;
import io.chorus.harness.Poll;
import io.chorus.harness.checker.PushChecker;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.client.Response;
import io.chorus.harness.history.Addressed;
import io.chorus.harness.history.History;
import io.chorus.harness.history.Op;
import io.chorus.harness.history.PushDevice;
import io.chorus.harness.history.PushGone;
import io.chorus.harness.history.PushReceived;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.history.SendInvoke;
import io.chorus.harness.history.SendOk;
import io.chorus.harness.history.SessionClose;
import io.chorus.harness.history.SessionOpen;
import io.chorus.harness.push.FakePushProviders;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The push pool against the harness's fake providers, which speak the real protocols over TLS: the APNs fake
 * (Pushy's mock, HTTP/2, checking the ES256 provider token, topic and device tokens; one token expired, so answered
 * 410) and the FCM fake (checking the service-account grant, the bearer token and the message). The stack's push
 * process is pointed at them as a run with push points it, one pull thread, so a later message is handled after an
 * earlier one. What the fakes record is judged by the run's push checker too.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushIT {
    private final String bobToken = "b0".repeat(32);
    private final String daveToken = "d0".repeat(32);
    private final String aliceToken = "a0".repeat(32);
    private final String goneToken = "e0".repeat(32);
    private final String frankToken = "f0".repeat(32);
    private final RunClock clock = new RunClock();
    private final List<Op> ops = Collections.synchronizedList(new ArrayList<>());

    private LocalStack local;
    private FakePushProviders providers;

    @BeforeAll
    void pointThePushPoolAtTheFakes(LocalStack local) {
        this.local = local;
        providers = FakePushProviders.start(
                n -> ops.add(
                        new PushReceived(n.provider(), n.token(), n.messageId(), n.collapseId(), clock.nowMicros())),
                g -> ops.add(new PushGone(g.provider(), g.token(), g.messageId(), clock.nowMicros())));
        List.of(bobToken, daveToken, aliceToken, frankToken).forEach(t -> providers.allow("apns", t));
        providers.expire(goneToken);
        providers.configure(local, Map.of("workers", 1, "retryFirstDelay", "200ms", "retryMaxDelay", "2s"));
    }

    @AfterAll
    void restoreThePushPool() {
        try {
            providers.restore(local);
        } finally {
            providers.close();
        }
    }

    private String device(StackFixture api, String user, String platform, String token) {
        Response registered = api.post(
                "/v1/users/me/devices",
                api.token(user),
                "{\"platform\":\"" + platform + "\",\"token\":\"" + token + "\",\"appId\":\""
                        + FakePushProviders.appId(platform) + "\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(202);
        String deviceId = registered.json().path("deviceId").asText();
        Poll.until(
                Duration.ofSeconds(20),
                () -> api.get("/v1/users/me/devices", api.token(user)),
                r -> r.status() == 200 && r.json().path("items").toString().contains(deviceId));
        ops.add(new PushDevice(user, platform, token, clock.nowMicros()));
        return deviceId;
    }

    private void send(StackFixture api, String author, String channel, String text, List<String> addressed) {
        String key = StackFixture.id("m");
        long intended = clock.nowMicros();
        ops.add(new SendInvoke(key, channel, author, "push", intended, intended, text.length()));
        ops.add(new Addressed(key, addressed, intended));
        Response sent = api.sendMessage(author, channel, key, text);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        ops.add(new SendOk(key, sent.json().path("messageId").asText(), 202, clock.nowMicros()));
    }

    private long to(String token) {
        synchronized (ops) {
            return ops.stream()
                    .filter(op -> op instanceof PushReceived p && p.token().equals(token))
                    .count();
        }
    }

    @Test
    void offlineDevicesGetOneNotificationPerMessageTheOnlineUserAndTheAuthorNoneAndA410RemovesTheDevice(
            StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        assertThat(local.description().push())
                .as("stack.json lists the providers")
                .isNotNull();
        String suffix = StackFixture.id("u").substring(2);
        String alice = "alice" + suffix;
        String bob = "bob" + suffix;
        String carol = "carol" + suffix;
        String dave = "dave" + suffix;
        String erin = "erin" + suffix;
        String frank = "frank" + suffix;
        String carolToken = "fcm-" + suffix;
        device(api, alice, "apns", aliceToken);
        device(api, bob, "apns", bobToken);
        device(api, carol, "fcm", carolToken);
        device(api, dave, "apns", daveToken);
        String erinDevice = device(api, erin, "apns", goneToken);
        device(api, frank, "apns", frankToken);
        // frank's entry names an instance that no longer beats: he is offline and pushed to (decision 0292)
        api.nats()
                .keyValue(Subjects.PRESENCE_BUCKET)
                .put(frank, new PresenceEntry("notification-gone", false, System.currentTimeMillis()).encode());

        String channel = StackFixture.id("push");
        assertThat(api.createChannel(alice, channel, "private", bob, carol, dave, erin, frank)
                        .status())
                .isEqualTo(202);
        api.awaitChannel(channel, alice, 6);
        String dm = DirectChannels.id(alice, bob);
        assertThat(api.createChannel(alice, dm, "direct", bob).status()).isEqualTo(202);
        api.awaitChannel(dm, alice, 2);

        try (NotificationSocket online = NotificationSocket.connect(
                stack.services().notification().get(0).ws(), api.token(dave), null)) {
            online.awaitReady(Duration.ofSeconds(20));
            ops.add(new SessionOpen(dave, "dave", "notification-1", clock.nowMicros()));
            send(api, alice, dm, "hi bob", List.of(bob));
            send(
                    api,
                    alice,
                    channel,
                    "@" + carol + " @" + dave + " @" + erin + " @" + frank + " @" + alice + " look",
                    List.of(carol, dave, erin, frank, alice));
            send(api, alice, channel, "nothing for anyone here", List.of());
            // one pull thread: once the last message has pushed, every earlier one has been handled
            send(api, alice, channel, "@" + bob + " last", List.of(bob));
            Poll.until(Duration.ofSeconds(60), () -> to(bobToken), n -> n >= 2);
        }
        ops.add(new SessionClose(dave, "dave", "end of test", clock.nowMicros()));

        assertThat(to(bobToken)).as("bob: the DM and the mention").isEqualTo(2);
        assertThat(to(carolToken)).as("carol: the mention, over FCM").isEqualTo(1);
        assertThat(to(daveToken)).as("dave is online").isZero();
        assertThat(to(frankToken)).as("frank's entry is a dead instance's").isEqualTo(1);
        assertThat(to(aliceToken)).as("alice is the author").isZero();
        assertThat(to(goneToken)).as("erin's token is expired").isZero();
        Poll.until(
                Duration.ofSeconds(30),
                () -> api.get("/v1/users/me/devices", api.token(erin)),
                r -> r.status() == 200 && r.json().path("items").isEmpty());

        // the run's checker on the same records: erin's expired device drew the 410 and is excused from then on
        assertThat(ops)
                .anySatisfy(op -> assertThat(op)
                        .isInstanceOfSatisfying(
                                PushGone.class, g -> assertThat(g.token()).isEqualTo(goneToken)));
        PushChecker.Result judged = new PushChecker(Duration.ofSeconds(10)).check(new History(List.copyOf(ops)));
        assertThat(judged.owed()).as("bob 2, carol 1, frank 1").isEqualTo(4);
        assertThat(judged.excused()).as("erin's mention, answered 410").isEqualTo(1);
        assertThat(judged.lost()).isZero();
        assertThat(judged.violations()).isZero();
        assertThat(judged.latency().count())
                .as("one per message that owed a notification")
                .isEqualTo(3);
        assertThat(erinDevice).isNotEmpty();
    }
}
