package io.chorus.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BotTokenVerifierTest {
    private final Map<String, StoredBotToken> store = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    private final BotTokenVerifier verifier = new BotTokenVerifier(
            id -> {
                reads.incrementAndGet();
                return Optional.ofNullable(store.get(id));
            },
            Duration.ofSeconds(2),
            now::get);

    private String issue(String botId, String tokenId, boolean read, boolean write, List<String> channels) {
        String secret = IntegrationSecrets.newSecret();
        store.put(
                tokenId,
                new StoredBotToken(
                        tokenId,
                        botId,
                        "t",
                        IntegrationSecrets.hash(secret),
                        read,
                        write,
                        channels,
                        "root",
                        "2026-01-01T00:00:00Z"));
        return BotTokens.format(botId, tokenId, secret);
    }

    @Test
    void aStoredTokenNamesItsBotAndItsGrant() throws Exception {
        String token = issue("0b07", "70c1", true, false, List.of("c1"));

        ChorusPrincipal bot = verifier.verify(token);

        assertThat(bot.userId()).isEqualTo("bot_0b07");
        assertThat(bot.admin()).isFalse();
        assertThat(bot.grant()).isEqualTo(new BotGrant("0b07", "70c1", true, false, List.of("c1")));
    }

    @Test
    void refusesAWrongSecretAnotherBotsIdAndAnUnknownToken() {
        String token = issue("0b07", "70c1", true, true, List.of());
        String wrongSecret = token.substring(0, token.length() - 3) + "AAA";
        assertThatThrownBy(() -> verifier.verify(wrongSecret)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(token.replace("cbt_0b07_", "cbt_0b08_")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify(BotTokens.format("0b07", "ffff", IntegrationSecrets.newSecret())))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify("cbt_garbage")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aRevokedTokenIsRefusedOnceForgottenOrAfterTheRecheckBound() throws Exception {
        String token = issue("0b07", "70c1", true, true, List.of());
        verifier.verify(token);
        store.remove("70c1");

        assertThat(verifier.verify(token)).as("remembered within the bound").isNotNull();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class);

        String other = issue("0b07", "70c2", true, true, List.of());
        verifier.verify(other);
        store.remove("70c2");
        verifier.forget("70c2");
        assertThatThrownBy(() -> verifier.verify(other))
                .as("forgotten at once")
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void readsTheStoreOncePerTokenWithinTheBound() throws Exception {
        String token = issue("0b07", "70c1", true, true, List.of());
        for (int i = 0; i < 5; i++) {
            verifier.verify(token);
        }
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void aStoreThatCannotAnswerRefusesRatherThanAdmits() {
        BotTokenVerifier failing = new BotTokenVerifier(
                id -> {
                    throw new IllegalStateException("down");
                },
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> failing.verify(BotTokens.format("0b07", "70c1", IntegrationSecrets.newSecret())))
                .isInstanceOf(InvalidTokenException.class);
    }
}
