package io.chorus.command.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a direct get reply reads as a permission (the wire itself: harness PermissionDirectGetIT). */
class DirectGetPermissionsTest {
    private static final byte[] MEMBER = "member".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPutIsItsValue() {
        assertThat(DirectGetPermissions.value(0, null, MEMBER)).contains("member");
        assertThat(DirectGetPermissions.value(0, "PUT", MEMBER)).contains("member");
    }

    @Test
    void notFoundDeletedAndPurgedAreNoValue() {
        assertThat(DirectGetPermissions.value(404, null, null)).isEmpty();
        assertThat(DirectGetPermissions.value(0, "DEL", new byte[0])).isEmpty();
        assertThat(DirectGetPermissions.value(0, "PURGE", new byte[0])).isEmpty();
        assertThat(DirectGetPermissions.value(0, null, new byte[0])).isEmpty();
    }

    @Test
    void anyOtherStatusIsNotAnAnswer() {
        assertThatThrownBy(() -> DirectGetPermissions.value(408, null, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DirectGetPermissions.value(503, null, null)).isInstanceOf(IllegalStateException.class);
    }
}
