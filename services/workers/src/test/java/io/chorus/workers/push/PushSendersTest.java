package io.chorus.workers.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.MockApnsServerListener;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.fakes.push.AcceptedNotification;
import io.chorus.fakes.push.ApnsFake;
import io.chorus.fakes.push.FcmFake;
import io.chorus.fakes.push.ProviderFault;
import io.chorus.fakes.push.TestCredentials;
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

    private static PushSettings.Apns apnsSettings(int port) throws Exception {
        return JSON.convertValue(
                Map.of(
                        "host",
                        "localhost",
                        "port",
                        port,
                        "signingKeyFile",
                        TestCredentials.file("apns-signing-key.p8").toString(),
                        "keyId",
                        ApnsFake.KEY_ID,
                        "teamId",
                        ApnsFake.TEAM,
                        "trustedCertificateFile",
                        TestCredentials.file("server.pem").toString()),
                PushSettings.Apns.class);
    }

    private static PushSettings.Fcm fcmSettings(FcmFake fcm) throws Exception {
        return JSON.convertValue(
                Map.of(
                        "baseUrl", fcm.baseUrl(),
                        "tokenUrl", fcm.tokenUrl(),
                        "projectId", FcmFake.PROJECT,
                        "serviceAccountFile",
                                TestCredentials.file("fcm-service-account.json").toString(),
                        "trustedCertificateFile",
                                TestCredentials.file("server.pem").toString()),
                PushSettings.Fcm.class);
    }

    private static int status(PushSender sender, String platform, String token) throws Exception {
        return sender.send(notification(platform, token))
                .get(30, TimeUnit.SECONDS)
                .status();
    }

    /** The timeline a nemesis gives the APNs fake: accepted, 503, 429, down (no answer), accepted again. */
    @Test
    void theApnsFakeAnswersAsItsFaultSaysAndAcceptsAgainWhenHealed() throws Exception {
        String token = "cc".repeat(32);
        List<AcceptedNotification> recorded = new CopyOnWriteArrayList<>();
        try (ApnsFake apns = new ApnsFake(0)) {
            apns.allow(token);
            apns.onAccepted(recorded::add);
            try (ApnsSender sender = ApnsSender.connect(apnsSettings(apns.port()), JSON)) {
                assertThat(status(sender, "apns", token)).isEqualTo(200);
                apns.fault(ProviderFault.unavailable(Duration.ofSeconds(1)));
                ProviderResult unavailable =
                        sender.send(notification("apns", token)).get(30, TimeUnit.SECONDS);
                assertThat(unavailable.status()).isEqualTo(503);
                assertThat(POLICY.decide(unavailable, 0, () -> 0.5)).isInstanceOf(DeliveryPolicy.Retry.class);
                apns.fault(ProviderFault.throttled(Duration.ofSeconds(1)));
                assertThat(status(sender, "apns", token)).isEqualTo(429);
                apns.fault(ProviderFault.down());
                ProviderResult down = sender.send(notification("apns", token)).get(30, TimeUnit.SECONDS);
                assertThat(down.status()).as(down.toString()).isNotEqualTo(200);
                assertThat(POLICY.decide(down, 0, () -> 0.5)).isInstanceOf(DeliveryPolicy.Retry.class);
                apns.fault(ProviderFault.NONE);
                assertThat(untilAccepted(sender, "apns", token)).isEqualTo(200);
            }
            assertThat(recorded).hasSize(2).allSatisfy(n -> {
                assertThat(n.token()).isEqualTo(token);
                assertThat(n.collapseId()).isEqualTo("general");
                assertThat(n.messageId()).isNotEmpty();
            });
        }
    }

    /** The same for the FCM fake, with its Retry-After and a slow answer. */
    @Test
    void theFcmFakeAnswersAsItsFaultSaysAndAcceptsAgainWhenHealed() throws Exception {
        List<AcceptedNotification> recorded = new CopyOnWriteArrayList<>();
        try (FcmFake fcm = new FcmFake()) {
            fcm.onAccepted(recorded::add);
            FcmSender sender = FcmSender.connect(fcmSettings(fcm), JSON);
            assertThat(status(sender, "fcm", "t1")).isEqualTo(200);
            fcm.fault(ProviderFault.unavailable(Duration.ofSeconds(2)));
            ProviderResult unavailable = sender.send(notification("fcm", "t1")).get(30, TimeUnit.SECONDS);
            assertThat(unavailable.status()).isEqualTo(503);
            assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(2));
            fcm.fault(ProviderFault.throttled(Duration.ofSeconds(3)));
            ProviderResult throttled = sender.send(notification("fcm", "t1")).get(30, TimeUnit.SECONDS);
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(POLICY.decide(throttled, 0, () -> 0.0))
                    .isEqualTo(new DeliveryPolicy.Retry(Duration.ofSeconds(3)));
            fcm.fault(ProviderFault.down());
            ProviderResult down = sender.send(notification("fcm", "t1")).get(30, TimeUnit.SECONDS);
            assertThat(down.status()).as(down.toString()).isNotEqualTo(200);
            assertThat(POLICY.decide(down, 0, () -> 0.5)).isInstanceOf(DeliveryPolicy.Retry.class);
            fcm.fault(ProviderFault.slow(Duration.ofMillis(300)));
            long start = System.nanoTime();
            assertThat(untilAccepted(sender, "fcm", "t1")).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            fcm.fault(ProviderFault.NONE);
            assertThat(status(sender, "fcm", "t1")).isEqualTo(200);
            assertThat(recorded)
                    .hasSize(3)
                    .allSatisfy(n -> assertThat(n.collapseId()).isEqualTo("general"));
        }
    }

    /** Sends until the provider accepts, for at most 30 s: a client reconnects to a provider back up at its pace. */
    private static int untilAccepted(PushSender sender, String platform, String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int status = status(sender, platform, token);
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = status(sender, platform, token);
        }
        return status;
    }
}
