package io.chorus.workers.push.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.chorus.common.push.NotificationLevel;
import io.chorus.workers.push.core.PushRecipients.Member;
import io.chorus.workers.push.core.PushRecipients.Message;
import io.chorus.workers.push.core.PushRecipients.Reason;
import io.chorus.workers.push.core.PushRecipients.Recipient;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class PushRecipientsTest {
    private static final List<String> USERS = List.of("u0", "u1", "u2", "u3", "u4", "u5");

    private static Gen<Member> members() {
        return integers()
                .between(0, USERS.size() - 1)
                .zip(
                        arbitrary().enumValues(NotificationLevel.class),
                        booleans().all(),
                        (u, level, online) -> new Member(USERS.get(u), level, online));
    }

    /** A text mentioning a random subset of the users, and some noise that mentions nobody. */
    private static Gen<String> texts() {
        return lists().of(integers().between(0, USERS.size() + 2))
                .ofSizeBetween(0, 4)
                .map(picks -> picks.stream()
                        .map(i -> i < USERS.size() ? "hi @" + USERS.get(i) + "," : "mail x@u" + i + " ok")
                        .collect(Collectors.joining(" ")));
    }

    @Test
    void nobodyOnlineMutedOrTheAuthorIsEverPushedAndEveryOneElseExactlyWhenARuleSaysSo() {
        qt().withExamples(2_000)
                .forAll(
                        lists().of(members()).ofSizeBetween(0, 8),
                        integers().between(0, USERS.size() - 1),
                        texts(),
                        booleans().all())
                .checkAssert((members, author, text, direct) -> {
                    Message message = new Message("c1", USERS.get(author), text, direct);
                    List<Recipient> recipients = PushRecipients.of(message, members);
                    Set<String> mentioned = PushRecipients.mentions(text);

                    assertThat(recipients.stream().map(Recipient::userId))
                            .doesNotHaveDuplicates()
                            .doesNotContain(message.authorId());
                    for (Member member : members) {
                        // the first entry of a user is the one the rules read
                        Member first = members.stream()
                                .filter(m -> m.userId().equals(member.userId()))
                                .findFirst()
                                .orElseThrow();
                        boolean expected = !first.userId().equals(message.authorId())
                                && !first.online()
                                && first.level() != NotificationLevel.MUTE
                                && (direct
                                        || mentioned.contains(first.userId())
                                        || first.level() == NotificationLevel.ALL);
                        assertThat(recipients.stream().anyMatch(r -> r.userId().equals(first.userId())))
                                .as("%s in %s", first, message)
                                .isEqualTo(expected);
                    }
                });
    }

    @Test
    void theReasonIsTheStrongestRuleThatApplies() {
        List<Member> offline = List.of(
                new Member("bob", NotificationLevel.ALL, false),
                new Member("carol", NotificationLevel.MENTIONS, false));
        assertThat(PushRecipients.of(new Message("dm-x", "alice", "hi", true), offline))
                .containsExactly(new Recipient("bob", Reason.DIRECT), new Recipient("carol", Reason.DIRECT));
        assertThat(PushRecipients.of(new Message("c1", "alice", "@bob @carol", false), offline))
                .containsExactly(new Recipient("bob", Reason.MENTION), new Recipient("carol", Reason.MENTION));
        assertThat(PushRecipients.of(new Message("c1", "alice", "hello all", false), offline))
                .containsExactly(new Recipient("bob", Reason.CHANNEL));
    }

    @Test
    void aMentionIsAnAtSignStartingAnIdThatNoIdCharacterPrecedes() {
        assertThat(PushRecipients.mentions("@bob, (@carol) alice@example.com @ @@dave @" + "x".repeat(65)))
                .containsExactlyInAnyOrder("bob", "carol", "dave");
        assertThat(PushRecipients.mentions("@a-b_c9.")).containsExactly("a-b_c9");
        assertThat(PushRecipients.mentions(null)).isEmpty();
    }
}
