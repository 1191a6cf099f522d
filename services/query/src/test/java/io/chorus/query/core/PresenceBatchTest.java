package io.chorus.query.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.api.ApiException;
import io.chorus.common.presence.PresenceEntry;
import io.chorus.common.presence.PresenceStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PresenceBatchTest {
    @Test
    void idsAreDistinctValidAndBounded() {
        assertThat(PresenceBatch.parse("b,a,b")).containsExactly("b", "a");
        String hundred = IntStream.range(0, 100).mapToObj(i -> "u" + i).collect(Collectors.joining(","));
        assertThat(PresenceBatch.parse(hundred)).hasSize(100);

        for (String bad : new String[] {null, "", "a,,b", "a.b", "a b"}) {
            assertThatThrownBy(() -> PresenceBatch.parse(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> PresenceBatch.parse(hundred + ",u100"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("too_many_ids"));
    }

    @Test
    void anEntryOfALiveInstanceIsItsStatusAndAnythingElseIsOffline() {
        Map<String, Optional<PresenceEntry>> entries = Map.of(
                "on", Optional.of(new PresenceEntry("n1", false, 1)),
                "idle", Optional.of(new PresenceEntry("n1", true, 1)),
                "stale", Optional.of(new PresenceEntry("dead", false, 1)),
                "bare", Optional.of(new PresenceEntry("", false, 0)),
                "none", Optional.empty());

        assertThat(PresenceBatch.statuses(
                        List.of("on", "idle", "stale", "bare", "none", "unasked"), entries, Set.of("n1")))
                .extracting(PresenceBatch.UserPresence::status)
                .containsExactly(
                        PresenceStatus.ONLINE,
                        PresenceStatus.AWAY,
                        PresenceStatus.OFFLINE,
                        PresenceStatus.ONLINE,
                        PresenceStatus.OFFLINE,
                        PresenceStatus.OFFLINE);
    }
}
