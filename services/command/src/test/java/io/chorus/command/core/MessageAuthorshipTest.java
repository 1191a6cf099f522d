package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.events.UuidV7;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageAuthorshipTest {
    private final MessageAuthorship authorship =
            new MessageAuthorship("a-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void theAuthorIsRecognisedAndNobodyElse() {
        for (int i = 0; i < 1_000; i++) {
            UUID id = authorship.newMessageId("general", "alice", 1_795_000_000_000L + i);
            assertThat(authorship.isAuthor(id, "general", "alice")).isTrue();
            assertThat(authorship.isAuthor(id, "general", "bob")).isFalse();
            assertThat(authorship.isAuthor(id, "random", "alice"))
                    .as("same author, another channel")
                    .isFalse();
            assertThat(authorship.isAuthor(id, "general", "alic")).isFalse();
        }
    }

    @Test
    void idsStayTimeOrderedUuidV7() {
        List<UUID> ids = new ArrayList<>();
        for (long ms = 1_795_000_000_000L; ms < 1_795_000_000_200L; ms++) {
            UUID id = authorship.newMessageId("c", "u", ms);
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(UuidV7.timestamp(id).toEpochMilli()).isEqualTo(ms);
            ids.add(id);
        }
        List<UUID> sorted = new ArrayList<>(ids);
        sorted.sort(java.util.Comparator.comparing((UUID u) -> u.getMostSignificantBits() >>> 16));
        assertThat(ids).isEqualTo(sorted);
    }

    @Test
    void idsOfOneAuthorInOneMillisecondDoNotCollide() {
        for (int round = 0; round < 20; round++) {
            Set<UUID> ids = new HashSet<>();
            for (int i = 0; i < 4_096; i++) {
                ids.add(authorship.newMessageId("c", "u", 1_795_000_000_000L));
            }
            assertThat(ids).as("4,096 ids of one process in one millisecond").hasSize(4_096);
        }
    }

    @Test
    void anAlteredTagAnotherKeyOrAPlainIdIsNotTheAuthor() {
        UUID id = authorship.newMessageId("general", "alice", 1_795_000_000_000L);
        for (int bit = 0; bit < 64; bit++) {
            UUID flipped = new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits() ^ (1L << bit));
            assertThat(authorship.isAuthor(flipped, "general", "alice"))
                    .as("bit %d flipped", bit)
                    .isFalse();
        }
        MessageAuthorship otherKey =
                new MessageAuthorship("another-secret-of-thirty-two-bytes-or-more".getBytes(StandardCharsets.UTF_8));
        assertThat(otherKey.isAuthor(id, "general", "alice")).isFalse();
        assertThat(authorship.isAuthor(UuidV7.generate(), "general", "alice")).isFalse();
        assertThat(authorship.isAuthor(UUID.randomUUID(), "general", "alice")).isFalse();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new MessageAuthorship(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
