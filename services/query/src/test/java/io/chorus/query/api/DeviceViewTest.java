package io.chorus.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class DeviceViewTest {
    @Test
    void showsTheTokensTailOnly() {
        DeviceView view = DeviceView.of(new Document("_id", "d1")
                .append("userId", "alice")
                .append("platform", "apns")
                .append("appId", "io.chorus")
                .append("token", "0123456789abcdef")
                .append("registeredAt", new Date(0)));

        assertThat(view.tokenTail()).isEqualTo("abcdef");
        assertThat(view.deviceId()).isEqualTo("d1");
        assertThat(view.toString()).doesNotContain("0123456789");
        assertThat(DeviceView.of(new Document("_id", "d2").append("token", "ab"))
                        .tokenTail())
                .isEqualTo("ab");
    }
}
