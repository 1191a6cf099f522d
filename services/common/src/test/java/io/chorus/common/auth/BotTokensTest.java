package io.chorus.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BotTokensTest {
    @Test
    void aFormattedTokenParsesBackIntoItsParts() {
        String botId = IntegrationSecrets.newId();
        String tokenId = IntegrationSecrets.newId();
        String secret = IntegrationSecrets.newSecret();
        String token = BotTokens.format(botId, tokenId, secret);

        assertThat(token).startsWith("cbt_");
        assertThat(BotTokens.parse(token)).contains(new BotTokens.Parts(botId, tokenId, secret));
    }

    @Test
    void aSecretMayHoldTheSeparatorItself() {
        String secret = "ab_cd-ef_" + "x".repeat(40);
        assertThat(BotTokens.parse(BotTokens.format("0a", "1b", secret)))
                .map(BotTokens.Parts::secret)
                .contains(secret);
    }

    @Test
    void refusesWhatIsNotABotToken() {
        assertThat(BotTokens.parse(null)).isEmpty();
        assertThat(BotTokens.parse("eyJhbGciOiJIUzI1NiJ9.e30.sig")).isEmpty();
        assertThat(BotTokens.parse("cbt_")).isEmpty();
        assertThat(BotTokens.parse("cbt_0a_1b")).isEmpty();
        assertThat(BotTokens.parse("cbt_0A_1b_" + "x".repeat(43)))
                .as("ids are lower-case hex")
                .isEmpty();
        assertThat(BotTokens.parse("cbt_0a_1b_short"))
                .as("a secret of 32+ characters")
                .isEmpty();
    }

    @Test
    void botsAndHooksActUnderReservedIds() {
        assertThat(BotTokens.userId("0a1b")).isEqualTo("bot_0a1b");
        assertThat(BotTokens.hookUserId("0a1b")).isEqualTo("hook_0a1b");
        assertThat(BotTokens.isReservedUserId("bot_x")).isTrue();
        assertThat(BotTokens.isReservedUserId("hook_x")).isTrue();
        assertThat(BotTokens.isReservedUserId("bottom")).isFalse();
        assertThat(BotTokens.isReservedUserId("hooks")).isFalse();
    }
}
