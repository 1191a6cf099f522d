package io.chorus.workers.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.push.FcmFake;
import io.chorus.common.push.TestCredentials;
import io.chorus.workers.push.core.DeliveryPolicy;
import io.chorus.workers.push.core.Notification;
import io.chorus.workers.push.core.ProviderResult;
import io.chorus.workers.push.core.PushRecipients;
import io.dropwizard.jackson.Jackson;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The two senders against providers that speak the real protocols over TLS: Pushy's mock APNs (HTTP/2, checking the
 * ES256 provider token, the topic and the device token) and a local FCM (checking the OAuth service-account grant,
 * the bearer token and the message).
 */
class PushSendersTest {
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static final String TOPIC = "io.chorus.app";
    private static final String TEAM = "TEAM123456";
    private static final String KEY_ID = "KEY1234567";
    private static final DeliveryPolicy POLICY = new PushSettings().deliveryPolicy();

    private static Notification notification(String platform, String token) {
        return new Notification(
                UUID.randomUUID(),
                "general",
                "alice",
                "d1",
                "bob",
                platform,
                token,
                platform.equals("apns") ? TOPIC : FcmFake.PROJECT,
                PushRecipients.Reason.MENTION,
                "hello @bob");
    }

    @Test
    void apnsAcceptsAValidTokenCollapsedByChannelAndAnExpiredTokenIsUnregistered() throws Exception {
        String good = "aa".repeat(32);
        String gone = "bb".repeat(32);
        ApnsVerificationKey verification = ApnsVerificationKey.loadFromPkcs8File(
                TestCredentials.file("apns-verification-key.pem").toFile(), TEAM, KEY_ID);
        List<Http2Headers> accepted = new CopyOnWriteArrayList<>();
        MockApnsServer server = new MockApnsServerBuilder()
                .setServerCredentials(
                        TestCredentials.file("server.pem").toFile(),
                        TestCredentials.file("server-key.pem").toFile(),
                        null)
                .setHandlerFactory(new ValidatingPushNotificationHandlerFactory(
                        Map.of(TOPIC, Set.of(good, gone)),
                        Map.of(gone, Instant.now().minusSeconds(60)),
                        Map.of(KEY_ID, verification),
                        Map.of(verification, Set.of(TOPIC))))
                .setListener(new MockApnsServerListener() {
                    @Override
                    public void handlePushNotificationAccepted(Http2Headers headers, ByteBuf payload) {
                        accepted.add(headers);
                    }

                    @Override
                    public void handlePushNotificationRejected(
                            Http2Headers headers,
                            ByteBuf payload,
                            RejectionReason reason,
                            Instant deviceTokenExpiration) {}
                })
                .build();
        int port = 0;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server.start(port).get(10, TimeUnit.SECONDS);
        PushSettings.Apns settings = JSON.convertValue(
                Map.of(
                        "host",
                        "localhost",
                        "port",
                        port,
                        "signingKeyFile",
                        TestCredentials.file("apns-signing-key.p8").toString(),
                        "keyId",
                        KEY_ID,
                        "teamId",
                        TEAM,
                        "trustedCertificateFile",
                        TestCredentials.file("server.pem").toString()),
                PushSettings.Apns.class);
        try (ApnsSender sender = ApnsSender.connect(settings, JSON)) {
            ProviderResult ok = sender.send(notification("apns", good)).get(20, TimeUnit.SECONDS);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(accepted).hasSize(1);
            assertThat(accepted.get(0).get("apns-collapse-id").toString()).isEqualTo("general");
            assertThat(accepted.get(0).get("apns-topic").toString()).isEqualTo(TOPIC);

            ProviderResult unregistered =
                    sender.send(notification("apns", gone)).get(20, TimeUnit.SECONDS);
            assertThat(unregistered.status()).isEqualTo(410);
            assertThat(POLICY.decide(unregistered, 0, () -> 0.5)).isInstanceOf(DeliveryPolicy.RemoveDevice.class);
            assertThat(accepted).hasSize(1);
        } finally {
            server.shutdown().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void fcmSendsWithAServiceAccountTokenAndReportsUnregisteredAndRetryAfter() throws Exception {
        try (FcmFake fcm = new FcmFake()) {
            PushSettings.Fcm settings = JSON.convertValue(
                    Map.of(
                            "baseUrl", fcm.baseUrl(),
                            "tokenUrl", fcm.tokenUrl(),
                            "projectId", FcmFake.PROJECT,
                            "serviceAccountFile",
                                    TestCredentials.file("fcm-service-account.json")
                                            .toString(),
                            "trustedCertificateFile",
                                    TestCredentials.file("server.pem").toString()),
                    PushSettings.Fcm.class);
            FcmSender sender = FcmSender.connect(settings, JSON);
            fcm.answers.put("gone", 404);
            fcm.answers.put("busy", 429);

            assertThat(sender.send(notification("fcm", "tok-1"))
                            .get(20, TimeUnit.SECONDS)
                            .status())
                    .isEqualTo(200);
            assertThat(fcm.refusals).isEmpty();
            assertThat(fcm.accepted).hasSize(1);
            assertThat(fcm.accepted.get(0).path("android").path("collapse_key").asText())
                    .isEqualTo("general");
            assertThat(fcm.accepted.get(0).path("notification").path("title").asText())
                    .contains("mentioned you");

            ProviderResult gone = sender.send(notification("fcm", "gone")).get(20, TimeUnit.SECONDS);
            assertThat(gone.reason()).isEqualTo("UNREGISTERED");
            assertThat(POLICY.decide(gone, 0, () -> 0.5)).isInstanceOf(DeliveryPolicy.RemoveDevice.class);

            ProviderResult busy = sender.send(notification("fcm", "busy")).get(20, TimeUnit.SECONDS);
            assertThat(busy.status()).isEqualTo(429);
            assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(POLICY.decide(busy, 0, () -> 0.0)).isEqualTo(new DeliveryPolicy.Retry(Duration.ofSeconds(7)));
            assertThat(fcm.accepted).hasSize(1);
        }
    }
}
