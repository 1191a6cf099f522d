package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may remove whom (decision 0101), and which channel ids a client may choose (decision 0100). */
class ChannelPolicyRolesTest {
    private final Map<String, String> bucket = new HashMap<>(
            Map.of("c", "private", "c.owner", "owner", "c.admin", "admin", "c.member", "member", "c.owner2", "owner"));
    private final ChannelPolicy policy = new ChannelPolicy(new BucketPermissions(bucket));

    private static ChorusPrincipal user(String id) {
        return new ChorusPrincipal(id, false);
    }

    @Test
    void anAdminRemovesMembersAndAdminsButNotOwners() {
        assertThatCode(() -> policy.checkRemove(user("admin"), "c", "member")).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.checkRemove(user("admin"), "c", "owner"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.getMessage())
                                .contains("only an owner may remove an owner"));
    }

    @Test
    void anOwnerRemovesAnyoneAndEveryoneMayLeave() {
        assertThatCode(() -> policy.checkRemove(user("owner"), "c", "owner2")).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkRemove(user("owner"), "c", "admin")).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkRemove(user("owner"), "c", "owner")).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkRemove(user("member"), "c", "member")).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkRemove(new ChorusPrincipal("root", true), "c", "owner"))
                .doesNotThrowAnyException();
    }

    @Test
    void aMemberRemovesNoOneElse() {
        assertThatThrownBy(() -> policy.checkRemove(user("member"), "c", "admin"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void storedMeansTheMetadataStoreHoldsTheChannel() {
        org.assertj.core.api.Assertions.assertThat(policy.stored("c")).isTrue();
        org.assertj.core.api.Assertions.assertThat(policy.stored("gone")).isFalse();
    }

    @Test
    void existenceIsAskedOfTheStoreNotOfTheCache() {
        Permissions nothingCached = new Permissions() {
            @Override
            public Optional<String> role(String channelId, String userId) {
                return Optional.empty();
            }

            @Override
            public Optional<String> kind(String channelId) {
                return Optional.empty();
            }
        };
        ChannelPolicy withStore =
                new ChannelPolicy(nothingCached, PermissionLookups.answeredAtOnce(nothingCached), new Permissions() {
                    @Override
                    public Optional<String> role(String channelId, String userId) {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> kind(String channelId) {
                        return Optional.of("private");
                    }
                });
        org.assertj.core.api.Assertions.assertThat(withStore.stored("c")).isTrue();
    }

    @Test
    void aChosenIdMayNotBeADirectChannels() {
        assertThatThrownBy(() -> ChannelIds.chosen(ChannelIds.direct("a", "b")))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("reserved for direct channels");
        assertThatThrownBy(() -> ChannelIds.chosen("dm-anything")).isInstanceOf(ApiException.class);
        assertThatCode(() -> ChannelIds.chosen("general")).doesNotThrowAnyException();
        assertThatCode(() -> ChannelIds.chosen("adm-general")).doesNotThrowAnyException();
    }
}
