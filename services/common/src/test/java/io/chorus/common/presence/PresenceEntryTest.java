package io.chorus.common.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PresenceEntryTest {
    @Test
    void anEntryReadsBackAsWritten() {
        PresenceEntry away = new PresenceEntry("notification-2", true, 1_765_000_000_000L);

        assertThat(PresenceEntry.decode(away.encode())).isEqualTo(away);
        assertThat(away.status()).isEqualTo(PresenceStatus.AWAY);
        assertThat(new PresenceEntry("n", false, 1).status()).isEqualTo(PresenceStatus.ONLINE);
    }

    @Test
    void aBareInstanceIdIsAnOnlineUser() {
        PresenceEntry bare = PresenceEntry.decode("notification-1".getBytes(StandardCharsets.UTF_8));

        assertThat(bare.instanceId()).isEqualTo("notification-1");
        assertThat(bare.status()).isEqualTo(PresenceStatus.ONLINE);
        assertThat(PresenceStatus.AWAY.wire()).isEqualTo("away");
    }
}
