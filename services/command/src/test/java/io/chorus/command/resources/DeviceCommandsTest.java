package io.chorus.command.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.command.api.DeviceAccepted;
import io.chorus.command.api.Requests;
import io.chorus.command.core.EventFactory;
import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.nats.EventSink;
import io.chorus.common.push.Devices;
import io.dropwizard.jackson.Jackson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceCommandsTest {
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private final List<String> subjects = new ArrayList<>();
    private final List<EventEnvelope> published = new ArrayList<>();
    private final EventSink sink = new EventSink() {
        @Override
        public Ack publish(String subject, EventEnvelope event, String idempotencyKey) {
            subjects.add(subject);
            published.add(event);
            return new Ack("META", published.size(), false);
        }

        @Override
        public Ack publishIfSubjectEmpty(String subject, EventEnvelope event, String idempotencyKey) {
            return publish(subject, event, idempotencyKey);
        }

        @Override
        public EventEnvelope read(String stream, long seq) {
            return published.get((int) seq - 1);
        }
    };
    private final EventFactory events = new EventFactory(JSON, Clock.systemUTC());
    private final DeviceCommands devices = new DeviceCommands(events, sink);
    private final NotificationLevelCommands levels = new NotificationLevelCommands(events, sink);
    private final ChorusPrincipal alice = new ChorusPrincipal("alice", false);

    @Test
    void aRegistrationIsOneEventOnTheUsersSubjectUnderTheTokensDeviceId() {
        var response = devices.register(alice, null, new Requests.RegisterDevice("apns", "ab12", "io.chorus.app"));

        assertThat(response.getStatus()).isEqualTo(202);
        DeviceAccepted accepted = (DeviceAccepted) response.getEntity();
        assertThat(accepted.deviceId()).isEqualTo(Devices.id("apns", "ab12"));
        assertThat(subjects).containsExactly("chat.meta.user.alice");
        assertThat(published.get(0).type()).isEqualTo(EventTypes.DEVICE_REGISTERED);
        assertThat(published.get(0).payload().get("deviceId").asText()).isEqualTo(accepted.deviceId());
        assertThat(published.get(0).payload().get("token").asText()).isEqualTo("ab12");
    }

    @Test
    void theSameTokenNamesTheSameDeviceAndAnotherPlatformAnother() {
        var first = (DeviceAccepted) devices.register(alice, null, new Requests.RegisterDevice("fcm", "t-1", "p"))
                .getEntity();
        var again = (DeviceAccepted) devices.register(alice, null, new Requests.RegisterDevice("fcm", "t-1", "p"))
                .getEntity();
        var apns = (DeviceAccepted) devices.register(alice, null, new Requests.RegisterDevice("apns", "t-1", "p"))
                .getEntity();

        assertThat(again.deviceId()).isEqualTo(first.deviceId());
        assertThat(apns.deviceId()).isNotEqualTo(first.deviceId());
        assertThat(Devices.id("fcm", "t-1")).matches("[A-Za-z0-9_-]{1,64}");
    }

    @Test
    void aBadRegistrationIsA422AndPublishesNothing() {
        for (Requests.RegisterDevice bad : List.of(
                new Requests.RegisterDevice("webpush", "t", "a"),
                new Requests.RegisterDevice(null, "t", "a"),
                new Requests.RegisterDevice("apns", "", "a"),
                new Requests.RegisterDevice("apns", "has space", "a"),
                new Requests.RegisterDevice("apns", "x".repeat(Devices.MAX_TOKEN_CHARS + 1), "a"),
                new Requests.RegisterDevice("fcm", "t", null))) {
            assertThatThrownBy(() -> devices.register(alice, null, bad))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
        assertThatThrownBy(() -> devices.register(alice, null, null)).isInstanceOf(ApiException.class);
        assertThat(published).isEmpty();
    }

    @Test
    void aRemovalNamesTheDeviceAndABadIdIsRefused() {
        assertThat(devices.remove(alice, "d0123", null).getStatus()).isEqualTo(202);
        assertThat(published.get(0).type()).isEqualTo(EventTypes.DEVICE_REMOVED);
        assertThat(published.get(0).actorId()).isEqualTo("alice");

        assertThatThrownBy(() -> devices.remove(alice, "a.b", null)).isInstanceOf(ApiException.class);
        assertThat(published).hasSize(1);
    }

    @Test
    void aLevelIsSetForOneChannelAndAnUnknownLevelIsRefused() {
        assertThat(levels.setLevel(alice, "general", null, new Requests.SetNotificationLevel("mute"))
                        .getStatus())
                .isEqualTo(202);
        assertThat(published.get(0).type()).isEqualTo(EventTypes.NOTIFICATION_LEVEL_SET);
        assertThat(published.get(0).channelId()).isEqualTo("general");
        assertThat(published.get(0).payload().get("level").asText()).isEqualTo("mute");

        assertThatThrownBy(() -> levels.setLevel(alice, "general", null, new Requests.SetNotificationLevel("loud")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> levels.setLevel(alice, "bad id", null, new Requests.SetNotificationLevel("all")))
                .isInstanceOf(ApiException.class);
        assertThat(published).hasSize(1);
    }
}
