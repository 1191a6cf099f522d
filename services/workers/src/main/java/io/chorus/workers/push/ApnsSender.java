package io.chorus.workers.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.workers.push.core.Notification;
import io.chorus.workers.push.core.ProviderPayloads;
import io.chorus.workers.push.core.ProviderResult;
import java.io.File;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * APNs over HTTP/2 with token-based authentication (ES256 JWT from a p8 key, its key id and the team id), through
 * Pushy. The device's app id is the APNs topic; the channel is the {@code apns-collapse-id}.
 */
public final class ApnsSender implements PushSender {
    private final ApnsClient client;
    private final ObjectMapper json;

    ApnsSender(ApnsClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    public static ApnsSender connect(PushSettings.Apns settings, ObjectMapper json) throws Exception {
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setApnsServer(settings.getHost(), settings.getPort())
                .setSigningKey(ApnsSigningKey.loadFromPkcs8File(
                        new File(settings.getSigningKeyFile()), settings.getTeamId(), settings.getKeyId()))
                .setConcurrentConnections(settings.getConnections());
        if (settings.getTrustedCertificateFile() != null) {
            // a provider fake's own certificate (tests, the harness); the real APNs is trusted through the JDK's CAs
            builder.setTrustedServerCertificateChain(new File(settings.getTrustedCertificateFile()));
        }
        return new ApnsSender(builder.build(), json);
    }

    @Override
    public CompletableFuture<ProviderResult> send(Notification n) {
        SimpleApnsPushNotification notification = new SimpleApnsPushNotification(
                n.token(),
                n.appId(),
                ProviderPayloads.apns(json, n),
                Instant.now().plus(SimpleApnsPushNotification.DEFAULT_EXPIRATION_PERIOD),
                DeliveryPriority.IMMEDIATE,
                PushType.ALERT,
                n.collapseKey());
        CompletableFuture<ProviderResult> result = new CompletableFuture<>();
        client.sendNotification(notification).whenComplete((response, error) -> {
            if (error != null) {
                result.complete(ProviderResult.noAnswer(error.toString()));
            } else if (response.isAccepted()) {
                result.complete(ProviderResult.accepted());
            } else {
                // APNs answers 410 Unregistered for a token no longer valid, 400 BadDeviceToken for one never valid
                result.complete(new ProviderResult(
                        response.getStatusCode(), response.getRejectionReason().orElse(null), null));
            }
        });
        return result;
    }

    @Override
    public void close() {
        client.close();
    }
}
