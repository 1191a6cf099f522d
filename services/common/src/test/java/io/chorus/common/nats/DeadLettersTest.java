package io.chorus.common.nats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLettersTest {
    @Test
    void errorHeaderIsOnePrintableLine() {
        assertThat(DeadLetters.headerValue(
                        "Unexpected character ('n')\n at [Source: (byte[])\"{not json\"; line: 1]\t\u00e9"))
                .isEqualTo("Unexpected character ('n') at [Source: (byte[])\"{not json\"; line: 1]");
        assertThat(DeadLetters.headerValue("x".repeat(900))).hasSize(500);
    }
}
