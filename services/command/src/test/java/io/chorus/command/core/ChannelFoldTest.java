package io.chorus.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelFoldTest {
    private final List<ChannelFold.Created> created = new ArrayList<>();
    private final List<String> handedOn = new ArrayList<>();

    private static ImportLine.Channel channel(String id) {
        return new ImportLine.Channel(id, "name-" + id, "private", "owner", "");
    }

    private static ImportLine.Membership member(String channelId, String userId) {
        return new ImportLine.Membership(channelId, userId, "member");
    }

    /** Feeds memberships as AdminImport does: folded, or handed on (recorded with the events emitted before it). */
    private void feed(ChannelFold fold, ImportLine.Membership m) {
        if (!fold.fold(m)) {
            handedOn.add(created.size() + ":" + m.channelId() + "/" + m.userId() + "/" + m.role());
        }
    }

    @Test
    void membersThatFollowTheirChannelAreFoldedIntoItsCreation() {
        ChannelFold fold = new ChannelFold(1000, created::add);
        fold.open(channel("c1"));
        feed(fold, member("c1", "u1"));
        feed(fold, member("c1", "u2"));
        fold.open(channel("c2"));
        feed(fold, member("c2", "u1"));
        fold.close();
        assertThat(created)
                .containsExactly(
                        new ChannelFold.Created(channel("c1"), List.of("u1", "u2")),
                        new ChannelFold.Created(channel("c2"), List.of("u1")));
        assertThat(handedOn).isEmpty();
    }

    @Test
    void aChannelWithoutMembersKeepsTheKeyOfBeforeFolding() {
        ChannelFold fold = new ChannelFold(1000, created::add);
        fold.open(channel("c1"));
        fold.close();
        assertThat(created).containsExactly(new ChannelFold.Created(channel("c1"), List.of()));
        assertThat(created.get(0).idempotencyKey()).isEqualTo("import:channel:c1");
    }

    @Test
    void theFoldHoldsAtMostTheCapAndTheRestIsHandedOnAfterTheCreation() {
        ChannelFold fold = new ChannelFold(1000, created::add);
        fold.open(channel("c1"));
        for (int i = 0; i < 1500; i++) {
            feed(fold, member("c1", "u" + i));
        }
        fold.close();
        assertThat(created).hasSize(1);
        assertThat(created.get(0).members()).hasSize(1000).startsWith("u0").endsWith("u999");
        assertThat(handedOn).hasSize(500).first().isEqualTo("1:c1/u1000/member");
    }

    @Test
    void anotherRoleEndsTheFoldAndIsNotFolded() {
        ChannelFold fold = new ChannelFold(1000, created::add);
        fold.open(channel("c1"));
        feed(fold, member("c1", "u1"));
        feed(fold, new ImportLine.Membership("c1", "u2", "admin"));
        // the fold is over: a member line after the admin line keeps its place after it
        feed(fold, member("c1", "u3"));
        assertThat(created).containsExactly(new ChannelFold.Created(channel("c1"), List.of("u1")));
        assertThat(handedOn).containsExactly("1:c1/u2/admin", "1:c1/u3/member");
    }

    @Test
    void aMembershipOfAnotherChannelEndsTheFold() {
        ChannelFold fold = new ChannelFold(1000, created::add);
        fold.open(channel("c1"));
        feed(fold, member("c1", "u1"));
        feed(fold, member("c9", "u2"));
        feed(fold, member("c1", "u3"));
        assertThat(created).containsExactly(new ChannelFold.Created(channel("c1"), List.of("u1")));
        assertThat(handedOn).containsExactly("1:c9/u2/member", "1:c1/u3/member");
    }

    @Test
    void theCreatorAndARepeatedMemberEndTheFold() {
        ChannelFold fold = new ChannelFold(1000, created::add);
        fold.open(channel("c1"));
        feed(fold, member("c1", "owner"));
        fold.open(channel("c2"));
        feed(fold, member("c2", "u1"));
        feed(fold, member("c2", "u1"));
        fold.close();
        assertThat(created)
                .containsExactly(
                        new ChannelFold.Created(channel("c1"), List.of()),
                        new ChannelFold.Created(channel("c2"), List.of("u1")));
        assertThat(handedOn).containsExactly("1:c1/owner/member", "2:c2/u1/member");
    }

    @Test
    void membershipsBeforeAnyChannelAreHandedOn() {
        ChannelFold fold = new ChannelFold(1000, created::add);
        feed(fold, member("c1", "u1"));
        fold.close();
        assertThat(created).isEmpty();
        assertThat(handedOn).containsExactly("0:c1/u1/member");
    }

    @Test
    void theKeyIsTheSameForTheSameMembersAndDiffersForOthers() {
        ChannelFold.Created a = new ChannelFold.Created(channel("c1"), List.of("u1", "u2"));
        ChannelFold.Created same = new ChannelFold.Created(channel("c1"), List.of("u1", "u2"));
        ChannelFold.Created other = new ChannelFold.Created(channel("c1"), List.of("u1", "u3"));
        ChannelFold.Created fewer = new ChannelFold.Created(channel("c1"), List.of("u1"));
        assertThat(a.idempotencyKey()).isEqualTo(same.idempotencyKey()).startsWith("import:channel:c1:2:");
        assertThat(a.idempotencyKey())
                .isNotEqualTo(other.idempotencyKey())
                .isNotEqualTo(fewer.idempotencyKey())
                .isNotEqualTo(new ChannelFold.Created(channel("c1"), List.of()).idempotencyKey());
    }

    @Test
    void aNegativeCapIsRefused() {
        assertThatThrownBy(() -> new ChannelFold(-1, created::add)).isInstanceOf(IllegalArgumentException.class);
    }
}
