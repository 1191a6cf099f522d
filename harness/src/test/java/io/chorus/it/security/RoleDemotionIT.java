package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Security item 2: adding never lowers a role, and only an owner removes an owner. */
@ExtendWith(LocalStackExtension.class)
class RoleDemotionIT {
    /** A private channel of an owner, an admin and a plain member, every role visible on both sides. */
    private static String channelOfThree(StackFixture fixture, String owner, String admin, String member) {
        String channel = StackFixture.id("roles");
        assertThat(fixture.createChannel(owner, channel, "private", admin, member)
                        .status())
                .isEqualTo(202);
        fixture.awaitChannel(channel, 3);
        Response grant = fixture.post(
                "/v1/channels/" + channel + "/members",
                fixture.token(owner),
                "{\"userIds\":[\"" + admin + "\"],\"role\":\"admin\"}");
        assertThat(grant.status()).as(grant.toString()).isEqualTo(202);
        Poll.until(
                java.time.Duration.ofSeconds(30),
                () -> fixture.roles(channel),
                roles -> "admin".equals(roles.get(admin)));
        return channel;
    }

    @Test
    void aMemberAddingOwnersAndAdminsAsMembersDemotesNoOne(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        String owner = StackFixture.id("owner");
        String admin = StackFixture.id("admin");
        String member = StackFixture.id("member");
        String channel = channelOfThree(fixture, owner, admin, member);

        Response add = fixture.post(
                "/v1/channels/" + channel + "/members",
                fixture.token(member),
                "{\"userIds\":[\"" + owner + "\",\"" + admin + "\"],\"role\":\"member\"}");
        assertThat(add.status()).as(add.toString()).isEqualTo(202);
        fixture.awaitWriterPast(channel, owner);
        assertThat(fixture.roles(channel)).isEqualTo(Map.of(owner, "owner", admin, "admin", member, "member"));
        assertThat(fixture.kvRole(channel, owner)).isEqualTo("owner");
        assertThat(fixture.kvRole(channel, admin)).isEqualTo("admin");
        // the owner still manages the channel
        assertThat(fixture.send(
                                "PATCH",
                                fixture.commandUrl() + "/v1/channels/" + channel,
                                fixture.token(owner),
                                "{\"name\":\"still mine\"}")
                        .status())
                .isEqualTo(202);
    }

    @Test
    void anEventAlreadyInTheStreamCannotDemoteEither(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        String owner = StackFixture.id("owner");
        String admin = StackFixture.id("admin");
        String member = StackFixture.id("member");
        String channel = channelOfThree(fixture, owner, admin, member);

        ObjectNode added = StackFixture.JSON.createObjectNode().put("role", "admin");
        added.putArray("userIds").add(owner);
        fixture.publishMeta("members.added", channel, admin, added);
        ObjectNode asMembers = StackFixture.JSON.createObjectNode().put("role", "member");
        asMembers.putArray("userIds").add(owner).add(admin);
        fixture.publishMeta("members.added", channel, member, asMembers);
        fixture.awaitWriterPast(channel, owner);
        assertThat(fixture.roles(channel)).isEqualTo(Map.of(owner, "owner", admin, "admin", member, "member"));
        assertThat(fixture.kvRole(channel, owner)).isEqualTo("owner");
        assertThat(fixture.kvRole(channel, admin)).isEqualTo("admin");
    }

    @Test
    void anAdminMayRemoveMembersButNotOwners(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        String owner = StackFixture.id("owner");
        String admin = StackFixture.id("admin");
        String member = StackFixture.id("member");
        String channel = channelOfThree(fixture, owner, admin, member);

        Response removeOwner = fixture.send(
                "DELETE",
                fixture.commandUrl() + "/v1/channels/" + channel + "/members/" + owner,
                fixture.token(admin),
                null);
        assertThat(removeOwner.status()).as(removeOwner.toString()).isEqualTo(403);
        assertThat(removeOwner.code()).isEqualTo("forbidden");
        assertThat(fixture.send(
                                "DELETE",
                                fixture.commandUrl() + "/v1/channels/" + channel + "/members/" + member,
                                fixture.token(admin),
                                null)
                        .status())
                .isEqualTo(202);
        fixture.awaitWriterPast(channel, owner);
        assertThat(fixture.roles(channel)).isEqualTo(Map.of(owner, "owner", admin, "admin"));
    }
}
