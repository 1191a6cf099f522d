package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.chorus.common.api.ApiException;
import io.chorus.common.events.Subjects;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandRulesTest {
    /** Any string is either accepted as an id (and then is a valid subject token) or refused with a 422. */
    @Test
    void idsAreSubjectTokensOrA422() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 80)).checkAssert(s -> {
            try {
                assertThat(Subjects.isToken(CommandRules.id("x", s))).isTrue();
            } catch (ApiException e) {
                assertThat(e.status()).isEqualTo(422);
                assertThat(Subjects.isToken(s)).isFalse();
            }
        });
    }

    @Test
    void textUpToTheLimitIsKeptExactlyAndLongerIsRefused() {
        qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(1, CommandRules.MAX_TEXT_CHARS)).checkAssert(s -> {
            if (s.isBlank()) {
                assertThatThrownBy(() -> CommandRules.text(s)).isInstanceOf(ApiException.class);
            } else {
                assertThat(CommandRules.text(s)).isEqualTo(s);
            }
        });
        qt().forAll(integers().between(CommandRules.MAX_TEXT_CHARS + 1, CommandRules.MAX_TEXT_CHARS * 3))
                .checkAssert(n -> assertThatThrownBy(() -> CommandRules.text("a".repeat(n)))
                        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422)));
    }

    @Test
    void everyRuleFailsOnlyWithA422() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 300)).checkAssert(s -> {
            for (Runnable rule : List.<Runnable>of(() -> CommandRules.text(s), () -> CommandRules.name("n", s, 80),
                    () -> CommandRules.topic(s), () -> CommandRules.kind(s), () -> CommandRules.role(s),
                    () -> CommandRules.emoji(s), () -> CommandRules.messageId(s),
                    () -> CommandRules.userIds("u", List.of(s), false), () -> IdempotencyKeys.validHeader(s))) {
                try {
                    rule.run();
                } catch (ApiException e) {
                    assertThat(e.status()).isEqualTo(422);
                }
            }
        });
    }

    @Test
    void messageIdsAreUuids() {
        UUID id = UUID.randomUUID();
        assertThat(CommandRules.messageId(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> CommandRules.messageId("1-1-1-1-1")).isInstanceOf(ApiException.class);
    }

    @Test
    void memberListsAreBoundedAndDeduplicated() {
        assertThat(CommandRules.userIds("m", List.of("a", "b", "a"), false)).containsExactly("a", "b");
        assertThat(CommandRules.userIds("m", null, true)).isEmpty();
        assertThatThrownBy(() -> CommandRules.userIds("m", List.of(), false)).isInstanceOf(ApiException.class);
        List<String> tooMany = java.util.stream.IntStream.range(0, 1001).mapToObj(i -> "u" + i).toList();
        assertThatThrownBy(() -> CommandRules.userIds("m", tooMany, false)).isInstanceOf(ApiException.class);
    }

    @Test
    void directChannelIdsDoNotDependOnWhoOpensThem() {
        qt().forAll(strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 64),
                strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 64)).checkAssert((a, b) -> {
            String id = ChannelIds.direct(a, b);
            assertThat(id).isEqualTo(ChannelIds.direct(b, a));
            assertThat(Subjects.isToken(id)).isTrue();
        });
        assertThat(ChannelIds.direct("a", "b")).isNotEqualTo(ChannelIds.direct("a", "c"));
        assertThat(Subjects.isToken(ChannelIds.generated())).isTrue();
        assertThat(ChannelIds.fromIdempotencyKey("u", "k")).isEqualTo(ChannelIds.fromIdempotencyKey("u", "k"));
    }
}
