package io.chorus.workers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.push.Devices;
import io.chorus.common.push.NotificationLevel;
import io.dropwizard.jackson.Jackson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The push settings' META events (decision 0200): decoded, or poison when the writer could not apply them. */
class PushMetaEventTest {
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    private static byte[] envelope(String type, String channel, String payload) {
        return ("{\"id\":\"01890000-0000-7000-8000-000000000000\",\"type\":\"" + type + "\","
                        + (channel == null ? "" : "\"channelId\":\"" + channel + "\",")
                        + "\"actorId\":\"alice\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"payload\":" + payload + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String registration(String deviceId, String platform, String token) {
        return "{\"deviceId\":\"" + deviceId + "\",\"platform\":\"" + platform + "\",\"token\":\"" + token
                + "\",\"appId\":\"io.chorus\"}";
    }

    @Test
    void decodesRegistrationsRemovalsAndLevels() throws Exception {
        String id = Devices.id("apns", "abc");
        MetaEvent registered =
                MetaEvent.decode(JSON, envelope("device.registered", null, registration(id, "apns", "abc")));
        assertThat(registered).isInstanceOfSatisfying(MetaEvent.DeviceRegistered.class, r -> {
            assertThat(r.userId()).isEqualTo("alice");
            assertThat(r.device().deviceId()).isEqualTo(id);
        });
        assertThat(PermissionChange.of(registered)).isEmpty();

        assertThat(MetaEvent.decode(JSON, envelope("device.removed", null, "{\"deviceId\":\"" + id + "\"}")))
                .isEqualTo(new MetaEvent.DeviceRemoved("alice", java.time.Instant.parse("2026-01-01T00:00:00Z"), id));

        assertThat(MetaEvent.decode(JSON, envelope("notification.level.set", "c1", "{\"level\":\"all\"}")))
                .isInstanceOfSatisfying(MetaEvent.NotificationLevelSet.class, l -> {
                    assertThat(l.channelId()).isEqualTo("c1");
                    assertThat(l.level()).isEqualTo(NotificationLevel.ALL);
                });
    }

    @Test
    void refusesWhatCannotBeApplied() {
        String[][] poison = {
            // an id not derived from the token would let anyone overwrite another user's device document
            {"device.registered", null, registration(Devices.id("apns", "other"), "apns", "abc")},
            {"device.registered", null, registration(Devices.id("webpush", "abc"), "webpush", "abc")},
            {"device.registered", null, "{\"deviceId\":\"d1\",\"platform\":\"fcm\"}"},
            {"device.removed", null, "{\"deviceId\":\"a.b\"}"},
            {"notification.level.set", "c1", "{\"level\":\"loud\"}"},
            {"notification.level.set", null, "{\"level\":\"mute\"}"},
        };
        for (String[] event : poison) {
            assertThatThrownBy(() -> MetaEvent.decode(JSON, envelope(event[0], event[1], event[2])))
                    .as(String.join(" ", event[0], event[2]))
                    .isInstanceOf(MetaEvent.Malformed.class);
        }
    }
}
