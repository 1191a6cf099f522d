package io.chorus.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectsTest {
    @Test
    void buildsSubjectsFromIds() {
        assertThat(Subjects.message("c-1")).isEqualTo("chat.msg.c-1");
        assertThat(Subjects.channelMeta("c_1")).isEqualTo("chat.meta.channel.c_1");
        assertThat(Subjects.instanceEvents("notification-2")).isEqualTo("instance.events.notification-2");
        assertThat(Subjects.permissionKey("c1", "u1")).isEqualTo("u1.c1");
    }

    /** The import's user batches sit in META but apart from every user's own subject, even a user called "imported". */
    @Test
    void userImportsAreInMetaButNoUsersSubject() {
        assertThat(Subjects.userImports()).startsWith(Subjects.META_PREFIX).isEqualTo("chat.meta.users.imported");
        assertThat(Subjects.userImports())
                .isNotEqualTo(Subjects.userMeta("imported"))
                .doesNotStartWith(Subjects.META_PREFIX + "user.")
                .doesNotStartWith(Subjects.META_PREFIX + "channel.");
    }

    @Test
    void refusesIdsThatWouldBreakASubject() {
        for (String bad : new String[] {"", "a.b", "a b", "a*", "a>", "é", "x".repeat(65)}) {
            assertThat(Subjects.isToken(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> Subjects.message(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Subjects.isToken(null)).isFalse();
        assertThat(Subjects.isToken("x".repeat(64))).isTrue();
    }
}
