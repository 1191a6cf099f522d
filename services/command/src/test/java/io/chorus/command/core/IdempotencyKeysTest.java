package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.events.UuidV7;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {
    private final UUID message = UuidV7.generate();

    @Test
    void aMessageCommandIsKeyedByChannelAndMessage() {
        String inX = IdempotencyKeys.messageCommand("message.deleted", "x", message, "alice", "k1");

        assertThat(IdempotencyKeys.messageCommand("message.deleted", "x", message, "alice", "k1"))
                .isEqualTo(inX);
        assertThat(IdempotencyKeys.messageCommand("message.deleted", "y", message, "alice", "k1"))
                .isNotEqualTo(inX);
        assertThat(IdempotencyKeys.messageCommand("message.edited", "x", message, "alice", "k1"))
                .isNotEqualTo(inX);
        assertThat(IdempotencyKeys.messageCommand("message.deleted", "x", message, "bob", "k1"))
                .isNotEqualTo(inX);
    }

    @Test
    void withoutAHeaderEveryCommandIsNew() {
        assertThat(IdempotencyKeys.messageCommand("message.deleted", "x", message, "alice", null))
                .isNotEqualTo(IdempotencyKeys.messageCommand("message.deleted", "x", message, "alice", null));
    }
}
