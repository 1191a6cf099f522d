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
        qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(1, CommandRules.MAX_TEXT_CHARS))
                .checkAssert(s -> {
                    if (s.isBlank()) {
                        assertThatThrownBy(() -> CommandRules.text(s)).isInstanceOf(ApiException.class);
                    } else {
                        assertThat(CommandRules.text(s)).isEqualTo(s);
                    }
                });
        qt().forAll(integers().between(CommandRules.MAX_TEXT_CHARS + 1, CommandRules.MAX_TEXT_CHARS * 3))
                .checkAssert(n -> assertThatThrownBy(() -> CommandRules.text("a".repeat(n)))
                        .isInstanceOfSatisfying(
                                ApiException.class, e -> assertThat(e.status()).isEqualTo(422)));
    }

    @Test
    void everyRuleFailsOnlyWithA422() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 300)).checkAssert(s -> {
            for (Runnable rule : List.<Runnable>of(
                    () -> CommandRules.text(s),
                    () -> CommandRules.name("n", s, 80),
                    () -> CommandRules.topic(s),
                    () -> CommandRules.kind(s),
                    () -> CommandRules.role(s),
                    () -> CommandRules.emoji(s),
                    () -> CommandRules.messageId(s),
                    () -> CommandRules.userIds("u", List.of(s), false),
                    () -> IdempotencyKeys.validHeader(s))) {
                try {
                    rule.run();
                } catch (ApiException e) {
                    assertThat(e.status()).isEqualTo(422);
                }
            }
        });
    }

    /** Every Unicode format character (Cf) is refused in names, topics and display names. */
    @Test
    void formatCharactersInNamesAndTopicsAreA422() {
        int formats = 0;
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (Character.getType(c) != Character.FORMAT) {
                continue;
            }
            formats++;
            String value = "ab" + new String(Character.toChars(c)) + "cd";
            assertThatThrownBy(() -> CommandRules.name("name", value, 80))
                    .as("U+%04X", c)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(422))
                    .hasMessageContaining(String.format("U+%04X", c));
            assertThatThrownBy(() -> CommandRules.topic(value)).as("U+%04X", c).isInstanceOf(ApiException.class);
        }
        assertThat(formats)
                .as("Cf includes U+200B-U+200F, U+202A-U+202E, U+2066-U+2069, U+FEFF")
                .isGreaterThan(100);
        for (String c : List.of("\u200B", "\u200E", "\u200F", "\u202A", "\u202E", "\u2066", "\u2069", "\uFEFF")) {
            assertThatThrownBy(() -> CommandRules.name("name", "x" + c, 80)).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void textKeepsTheJoinersWritingNeedsAndRefusesOtherFormatCharacters() {
        String technologist = "\uD83D\uDC69\u200D\uD83D\uDCBB";
        String scotland = "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F";
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
        for (String kept : List.of(technologist, scotland, persian, "line\nbreak\ttab")) {
            assertThat(CommandRules.text(kept)).isEqualTo(kept);
        }
        assertThat(CommandRules.emoji(technologist)).isEqualTo(technologist);
        for (String refused : List.of(
                "see \u202Egnp.exe",
                "a\u2066b\u2069",
                "zero\u200Bwidth",
                "\uFEFFbom",
                "soft\u00ADhyphen",
                "mark\u200F")) {
            assertThatThrownBy(() -> CommandRules.text(refused))
                    .as(refused)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
        // a joiner is still refused where no writing needs it
        assertThatThrownBy(() -> CommandRules.name("name", technologist, 80)).isInstanceOf(ApiException.class);
    }

    @Test
    void unpairedSurrogatesAreA422AndPairsAreCharacters() {
        for (String broken : List.of("a\uD800b", "a\uDC00b", "end\uD83D", "\uDE00start")) {
            for (Runnable rule : List.<Runnable>of(
                    () -> CommandRules.text(broken),
                    () -> CommandRules.name("name", broken, 80),
                    () -> CommandRules.topic(broken),
                    () -> CommandRules.emoji(broken))) {
                assertThatThrownBy(rule::run)
                        .isInstanceOfSatisfying(
                                ApiException.class,
                                e -> assertThat(e.getMessage()).contains("surrogate"));
            }
        }
        assertThat(CommandRules.text("ok \uD83D\uDE00")).isEqualTo("ok \uD83D\uDE00");
        assertThat(CommandRules.name("name", "\uD83D\uDE00 room", 80)).isEqualTo("\uD83D\uDE00 room");
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
        List<String> tooMany =
                java.util.stream.IntStream.range(0, 1001).mapToObj(i -> "u" + i).toList();
        assertThatThrownBy(() -> CommandRules.userIds("m", tooMany, false)).isInstanceOf(ApiException.class);
    }

    @Test
    void directChannelIdsDoNotDependOnWhoOpensThem() {
        qt().forAll(
                        strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 64),
                        strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 64))
                .checkAssert((a, b) -> {
                    String id = ChannelIds.direct(a, b);
                    assertThat(id).isEqualTo(ChannelIds.direct(b, a));
                    assertThat(Subjects.isToken(id)).isTrue();
                });
        assertThat(ChannelIds.direct("a", "b")).isNotEqualTo(ChannelIds.direct("a", "c"));
        assertThat(Subjects.isToken(ChannelIds.generated())).isTrue();
        assertThat(ChannelIds.fromIdempotencyKey("u", "k")).isEqualTo(ChannelIds.fromIdempotencyKey("u", "k"));
    }

    @Test
    void aReadMarkIsAVersion7MessageIdInItsCanonicalForm() {
        UUID id = io.chorus.common.events.UuidV7.generate();
        assertThat(CommandRules.readMark(id.toString().toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(id);
        assertThat(CommandRules.readMark(id.toString()).toString()).isEqualTo(id.toString());
        for (String bad :
                new String[] {null, "", "not-a-uuid", UUID.randomUUID().toString(), id.toString() + "0", "{" + id + "}"
                }) {
            assertThatThrownBy(() -> CommandRules.readMark(bad))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        }
    }
}
