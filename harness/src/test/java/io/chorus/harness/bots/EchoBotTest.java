package io.chorus.harness.bots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EchoBotTest {
    @Test
    void answersTheEchoCommandAndNothingElse() {
        assertThat(EchoBot.answer("!echo hello there")).contains("hello there");
        assertThat(EchoBot.answer("!echo   spaced  ")).contains("spaced");
        assertThat(EchoBot.answer("!echo ")).isEmpty();
        assertThat(EchoBot.answer("!echoes")).isEmpty();
        assertThat(EchoBot.answer("say !echo x")).isEmpty();
        assertThat(EchoBot.answer(null)).isEmpty();
    }
}
