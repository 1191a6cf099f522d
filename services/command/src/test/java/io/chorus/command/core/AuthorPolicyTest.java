package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthorPolicyTest {
    private final Map<String, String> bucket = Map.of(
            "general",
            "private",
            "general.alice",
            "member",
            "general.bob",
            "member",
            "general.olga",
            "owner",
            "general.adam",
            "admin");
    private final MessageAuthorship authorship =
            new MessageAuthorship("a-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8));
    private final AuthorPolicy policy = new AuthorPolicy(new ChannelPolicy(new BucketPermissions(bucket)), authorship);
    private final UUID alicesMessage = authorship.newMessageId("general", "alice", System.currentTimeMillis());

    @Test
    void onlyTheAuthorEdits() {
        assertThatCode(() -> policy.checkEdit(user("alice"), "general", alicesMessage))
                .doesNotThrowAnyException();
        for (ChorusPrincipal other :
                new ChorusPrincipal[] {user("bob"), user("olga"), user("adam"), new ChorusPrincipal("root", true)}) {
            assertThatThrownBy(() -> policy.checkEdit(other, "general", alicesMessage))
                    .as(other.userId())
                    .isInstanceOfSatisfying(ApiException.class, e -> assertStatus(e, 403, "not_author"));
        }
    }

    @Test
    void theAuthorChannelOwnersAndAdminsAndPlatformAdminsDelete() {
        for (ChorusPrincipal allowed :
                new ChorusPrincipal[] {user("alice"), user("olga"), user("adam"), new ChorusPrincipal("root", true)}) {
            assertThatCode(() -> policy.checkDelete(allowed, "general", alicesMessage))
                    .as(allowed.userId())
                    .doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> policy.checkDelete(user("bob"), "general", alicesMessage))
                .isInstanceOfSatisfying(ApiException.class, e -> assertStatus(e, 403, "not_author"));
    }

    @Test
    void nonMembersAreRefusedBeforeAuthorshipIsLookedAt() {
        assertThatThrownBy(() -> policy.checkEdit(user("mallory"), "general", alicesMessage))
                .isInstanceOfSatisfying(ApiException.class, e -> assertStatus(e, 403, "not_a_member"));
        assertThatThrownBy(() -> policy.checkDelete(user("alice"), "nowhere", alicesMessage))
                .isInstanceOfSatisfying(ApiException.class, e -> assertStatus(e, 404, "channel_not_found"));
    }

    private static ChorusPrincipal user(String id) {
        return new ChorusPrincipal(id, false);
    }

    private static void assertStatus(ApiException e, int status, String code) {
        org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code);
    }
}
