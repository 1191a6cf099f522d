package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.Timer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimedPermissionsTest {
    private final Timer roles = new Timer();
    private final Timer kinds = new Timer();

    @Test
    void answersWhatTheSourceSaysAndTimesEachLookupOnItsOwnTimer() {
        Permissions source = new Permissions() {
            @Override
            public Optional<String> role(String channelId, String userId) {
                return userId.equals("m") ? Optional.of("member") : Optional.empty();
            }

            @Override
            public Optional<String> kind(String channelId) {
                return Optional.of("public");
            }
        };
        TimedPermissions timed = new TimedPermissions(source, roles, kinds);

        assertThat(timed.role("c", "m")).contains("member");
        assertThat(timed.role("c", "x")).isEmpty();
        assertThat(timed.kind("c")).contains("public");
        assertThat(roles.getCount()).isEqualTo(2);
        assertThat(kinds.getCount()).isEqualTo(1);
    }

    @Test
    void aFailedLookupIsTimedAndStillFails() {
        Permissions broken = new Permissions() {
            @Override
            public Optional<String> role(String channelId, String userId) {
                throw new IllegalStateException("bucket down");
            }

            @Override
            public Optional<String> kind(String channelId) {
                throw new IllegalStateException("bucket down");
            }
        };
        TimedPermissions timed = new TimedPermissions(broken, roles, kinds);

        assertThatThrownBy(() -> timed.role("c", "m")).hasMessage("bucket down");
        assertThat(roles.getCount()).isEqualTo(1);
    }
}
