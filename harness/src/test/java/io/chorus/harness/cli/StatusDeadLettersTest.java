package io.chorus.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StatusDeadLettersTest {
    @Test
    void theLineNamesEveryConsumerWithDeadLettersAndHowMany() {
        assertThat(StatusCommand.deadLetterLine(new TreeMap<>(Map.of("meta-writer", 2L, "message-writer", 1L))))
                .isEqualTo("dead letters: message-writer=1 meta-writer=2");
    }

    @Test
    void noneAndUnknownAreToldApart() {
        assertThat(StatusCommand.deadLetterLine(Map.of())).isEqualTo("dead letters: none");
        assertThat(StatusCommand.deadLetterLine(null)).contains("unknown");
    }
}
