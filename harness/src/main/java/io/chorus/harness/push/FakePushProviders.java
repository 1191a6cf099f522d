package io.chorus.harness.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.fakes.push.AcceptedNotification;
import io.chorus.fakes.push.ApnsFake;
import io.chorus.fakes.push.FakeProvider;
import io.chorus.fakes.push.FcmFake;
import io.chorus.fakes.push.GoneToken;
import io.chorus.fakes.push.TestCredentials;
import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.PushGone;
import io.chorus.harness.history.PushReceived;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.StackDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The push providers of a local stack whose run asks for push (decision 0203): an APNs fake (Pushy's mock, HTTP/2
 * and TLS) and an FCM fake (TLS, OAuth service-account grant), in the harness's own process, so that each
 * notification they accept is a {@link PushReceived} of the run's history with the run clock's time. The stack's
 * push pool is pointed at them by rewriting its configuration and restarting it; {@link #restore} undoes that.
 * Their faults are the nemesis's targets {@value #APNS} and {@value #FCM}.
 */
public final class FakePushProviders implements AutoCloseable {
    public static final String APNS = "push-apns";
    public static final String FCM = "push-fcm";
    public static final List<String> TARGETS = List.of(APNS, FCM);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ApnsFake apns;
    private final FcmFake fcm;
    private String original; // the push pool's configuration before it was pointed here

    private FakePushProviders(ApnsFake apns, FcmFake fcm) {
        this.apns = apns;
        this.fcm = fcm;
    }

    /** Starts both fakes on free ports; {@code accepted} is called with every notification either accepts. */
    public static FakePushProviders start(Consumer<AcceptedNotification> accepted) {
        return start(accepted, g -> {});
    }

    /** As {@link #start(Consumer)}, {@code gone} called with every notification answered "token no longer valid". */
    public static FakePushProviders start(Consumer<AcceptedNotification> accepted, Consumer<GoneToken> gone) {
        ApnsFake apns = null;
        try {
            apns = new ApnsFake(0);
            apns.onAccepted(accepted).onGone(gone);
            FcmFake fcm = new FcmFake();
            fcm.onAccepted(accepted).onGone(gone);
            return new FakePushProviders(apns, fcm);
        } catch (Exception e) {
            if (apns != null) {
                apns.close();
            }
            throw new IllegalStateException("cannot start the push provider fakes: " + e.getMessage(), e);
        }
    }

    /** Each "token no longer valid" answer appended to {@code history} as a {@link PushGone} at the run clock's time. */
    public static Consumer<GoneToken> recordingGone(HistoryWriter history, RunClock clock) {
        return g -> history.append(new PushGone(g.provider(), g.token(), g.messageId(), clock.nowMicros()));
    }

    /** Each accepted notification appended to {@code history} as a {@link PushReceived} at the run clock's time. */
    public static Consumer<AcceptedNotification> recording(HistoryWriter history, RunClock clock) {
        return n -> history.append(
                new PushReceived(n.provider(), n.token(), n.messageId(), n.collapseId(), clock.nowMicros()));
    }

    /** The app id (APNs topic, FCM project) a device of {@code platform} registers with. */
    public static String appId(String platform) {
        return platform.equals("apns") ? ApnsFake.TOPIC : FcmFake.PROJECT;
    }

    /** Makes an APNs device token known to the APNs fake (FCM takes any token). */
    public void allow(String platform, String token) {
        if (platform.equals("apns")) {
            apns.allow(token);
        }
    }

    /** Makes an APNs device token known but expired: the APNs fake answers 410 Unregistered for it. */
    public void expire(String token) {
        apns.expire(token);
    }

    /** Makes a device token of {@code platform} no longer valid: 410 Unregistered (APNs), 404 UNREGISTERED (FCM). */
    public void expire(String platform, String token) {
        if (platform.equals("apns")) {
            apns.expire(token);
        } else {
            fcm.expire(token);
        }
    }

    /** The fake a nemesis target names. */
    public Optional<FakeProvider> target(String target) {
        return switch (target) {
            case APNS -> Optional.of(apns);
            case FCM -> Optional.of(fcm);
            default -> Optional.empty();
        };
    }

    public StackDescription.PushProviders listing() {
        return new StackDescription.PushProviders("https://localhost:" + apns.port(), fcm.baseUrl());
    }

    /**
     * Points the stack's push pool at these fakes with the test credentials, plus {@code tuning} (push settings such
     * as {@code retryFirstDelay}), restarting it, and lists them in {@code stack.json}.
     */
    public void configure(LocalStack stack, Map<String, Object> tuning) {
        Path config = stack.runFolder().config("push.yml");
        try {
            original = Files.readString(config);
            ObjectNode settings = (ObjectNode) YAML.readTree(original);
            ObjectNode push = settings.with("push");
            tuning.forEach((k, v) -> push.set(k, YAML.valueToTree(v)));
            ObjectNode apnsSettings = push.putObject("apns");
            apnsSettings.put("host", "localhost");
            apnsSettings.put("port", apns.port());
            apnsSettings.put("signingKeyFile", credential("apns-signing-key.p8"));
            apnsSettings.put("keyId", ApnsFake.KEY_ID);
            apnsSettings.put("teamId", ApnsFake.TEAM);
            apnsSettings.put("trustedCertificateFile", credential("server.pem"));
            ObjectNode fcmSettings = push.putObject("fcm");
            fcmSettings.put("baseUrl", fcm.baseUrl());
            fcmSettings.put("tokenUrl", fcm.tokenUrl());
            fcmSettings.put("projectId", FcmFake.PROJECT);
            fcmSettings.put("serviceAccountFile", credential("fcm-service-account.json"));
            fcmSettings.put("trustedCertificateFile", credential("server.pem"));
            stack.stop("push");
            Files.writeString(config, YAML.writeValueAsString(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stack.relaunch(List.of("push"));
        stack.listPushProviders(listing());
    }

    /** Gives the push pool its configuration from before {@link #configure} back, restarting it. */
    public void restore(LocalStack stack) {
        if (original == null) {
            return;
        }
        stack.stop("push");
        try {
            Files.writeString(stack.runFolder().config("push.yml"), original);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stack.relaunch(List.of("push"));
        stack.listPushProviders(null);
        original = null;
    }

    private static String credential(String name) {
        try {
            return TestCredentials.file(name).toString();
        } catch (Exception e) {
            throw new IllegalStateException("no test credential " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            apns.close();
        } finally {
            fcm.close();
        }
    }
}
