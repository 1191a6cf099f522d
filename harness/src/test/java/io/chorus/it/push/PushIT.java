package io.chorus.it.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.common.events.DirectChannels;
import io.chorus.fakes.push.FcmFake;
import io.chorus.fakes.push.TestCredentials;
import io.chorus.harness.Poll;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The push pool against providers that speak the real protocols over TLS, started by this test: Pushy's mock APNs
 * (HTTP/2, checking the ES256 provider token, topic and device tokens; one token expired, so answered 410) and a
 * local FCM (checking the service-account grant, the bearer token and the message). The stack's push process is
 * restarted with its providers pointed at them, one pull thread, so a later message is handled after an earlier one.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String TOPIC = "io.chorus.it";
    private static final String TEAM = "TEAM123456";
    private static final String KEY_ID = "KEY1234567";

    private final String bobToken = "b0".repeat(32);
    private final String daveToken = "d0".repeat(32);
    private final String aliceToken = "a0".repeat(32);
    private final String goneToken = "e0".repeat(32);
    private final List<String> apnsAccepted = new CopyOnWriteArrayList<>();

    private LocalStack local;
    private MockApnsServer apns;
    private FcmFake fcm;
    private Path config;
    private String original;

    @BeforeAll
    void pointThePushPoolAtTheFakes(LocalStack local) throws Exception {
        this.local = local;
        ApnsVerificationKey verification = ApnsVerificationKey.loadFromPkcs8File(
                TestCredentials.file("apns-verification-key.pem").toFile(), TEAM, KEY_ID);
        apns = new MockApnsServerBuilder()
                .setServerCredentials(
                        TestCredentials.file("server.pem").toFile(),
                        TestCredentials.file("server-key.pem").toFile(),
                        null)
                .setHandlerFactory(new ValidatingPushNotificationHandlerFactory(
                        Map.of(TOPIC, Set.of(bobToken, daveToken, aliceToken, goneToken)),
                        Map.of(goneToken, Instant.now().minusSeconds(60)),
                        Map.of(KEY_ID, verification),
                        Map.of(verification, Set.of(TOPIC))))
                .setListener(new MockApnsServerListener() {
                    @Override
                    public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
                        String path = headers.path().toString();
                        apnsAccepted.add(path.substring(path.lastIndexOf('/') + 1));
                    }

                    @Override
                    public void handlePushNotificationRejected(
                            Http2Headers headers, ByteBuf payload, RejectionReason reason, Instant expiration) {}
                })
                .build();
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        apns.start(port).get(20, TimeUnit.SECONDS);
        fcm = new FcmFake();

        config = local.runFolder().config("push.yml");
        original = Files.readString(config);
        ObjectNode settings = (ObjectNode) YAML.readTree(original);
        ObjectNode push = settings.putObject("push");
        push.put("workers", 1);
        push.put("retryFirstDelay", "200ms");
        push.put("retryMaxDelay", "2s");
        ObjectNode apnsSettings = push.putObject("apns");
        apnsSettings.put("host", "localhost");
        apnsSettings.put("port", port);
        apnsSettings.put(
                "signingKeyFile", TestCredentials.file("apns-signing-key.p8").toString());
        apnsSettings.put("keyId", KEY_ID);
        apnsSettings.put("teamId", TEAM);
        apnsSettings.put(
                "trustedCertificateFile", TestCredentials.file("server.pem").toString());
        ObjectNode fcmSettings = push.putObject("fcm");
        fcmSettings.put("baseUrl", fcm.baseUrl());
        fcmSettings.put("tokenUrl", fcm.tokenUrl());
        fcmSettings.put("projectId", FcmFake.PROJECT);
        fcmSettings.put(
                "serviceAccountFile",
                TestCredentials.file("fcm-service-account.json").toString());
        fcmSettings.put(
                "trustedCertificateFile", TestCredentials.file("server.pem").toString());
        local.stop("push");
        Files.writeString(config, YAML.writeValueAsString(settings));
        local.relaunch(List.of("push"));
    }

    @AfterAll
    void restoreThePushPool() throws Exception {
        try {
            local.stop("push");
            Files.writeString(config, original);
            local.relaunch(List.of("push"));
        } finally {
            apns.shutdown().get(20, TimeUnit.SECONDS);
            fcm.close();
        }
    }

    private static String device(StackFixture api, String user, String platform, String token, String appId) {
        Response registered = api.post(
                "/v1/users/me/devices",
                api.token(user),
                "{\"platform\":\"" + platform + "\",\"token\":\"" + token + "\",\"appId\":\"" + appId + "\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(202);
        String deviceId = registered.json().path("deviceId").asText();
        Poll.until(
                Duration.ofSeconds(20),
                () -> api.get("/v1/users/me/devices", api.token(user)),
                r -> r.status() == 200 && r.json().path("items").toString().contains(deviceId));
        return deviceId;
    }

    private long apnsTo(String token) {
        return apnsAccepted.stream().filter(token::equals).count();
    }

    private long fcmTo(String token) {
        return fcm.accepted.stream()
                .filter(m -> token.equals(m.path("token").asText()))
                .count();
    }

    @Test
    void offlineDevicesGetOneNotificationPerMessageTheOnlineUserAndTheAuthorNoneAndA410RemovesTheDevice(
            StackDescription stack) throws Exception {
        StackFixture api = new StackFixture(stack);
        String suffix = StackFixture.id("u").substring(2);
        String alice = "alice" + suffix;
        String bob = "bob" + suffix;
        String carol = "carol" + suffix;
        String dave = "dave" + suffix;
        String erin = "erin" + suffix;
        String carolToken = "fcm-" + suffix;
        device(api, alice, "apns", aliceToken, TOPIC);
        device(api, bob, "apns", bobToken, TOPIC);
        device(api, carol, "fcm", carolToken, FcmFake.PROJECT);
        device(api, dave, "apns", daveToken, TOPIC);
        device(api, erin, "apns", goneToken, TOPIC);

        String channel = StackFixture.id("push");
        assertThat(api.createChannel(alice, channel, "private", bob, carol, dave, erin)
                        .status())
                .isEqualTo(202);
        api.awaitChannel(channel, alice, 5);
        String dm = DirectChannels.id(alice, bob);
        assertThat(api.createChannel(alice, dm, "direct", bob).status()).isEqualTo(202);
        api.awaitChannel(dm, alice, 2);

        try (NotificationSocket online = NotificationSocket.connect(
                stack.services().notification().get(0).ws(), api.token(dave), null)) {
            online.awaitReady(Duration.ofSeconds(20));
            assertThat(api.sendMessage(alice, dm, StackFixture.id("m"), "hi bob")
                            .status())
                    .isEqualTo(202);
            assertThat(api.sendMessage(
                                    alice,
                                    channel,
                                    StackFixture.id("m"),
                                    "@" + carol + " @" + dave + " @" + erin + " @" + alice + " look")
                            .status())
                    .isEqualTo(202);
            assertThat(api.sendMessage(alice, channel, StackFixture.id("m"), "nothing for anyone here")
                            .status())
                    .isEqualTo(202);
            // one pull thread: once the last message has pushed, every earlier one has been handled
            assertThat(api.sendMessage(alice, channel, StackFixture.id("m"), "@" + bob + " last")
                            .status())
                    .isEqualTo(202);
            Poll.until(Duration.ofSeconds(60), () -> apnsTo(bobToken), n -> n >= 2);
        }

        assertThat(apnsTo(bobToken)).as("bob: the DM and the mention").isEqualTo(2);
        assertThat(fcmTo(carolToken)).as("carol: the mention, over FCM").isEqualTo(1);
        assertThat(apnsTo(daveToken)).as("dave is online").isZero();
        assertThat(apnsTo(aliceToken)).as("alice is the author").isZero();
        assertThat(apnsTo(goneToken)).as("erin's token is expired").isZero();
        assertThat(fcm.refusals).isEmpty();
        Poll.until(
                Duration.ofSeconds(30),
                () -> api.get("/v1/users/me/devices", api.token(erin)),
                r -> r.status() == 200 && r.json().path("items").isEmpty());
    }
}
