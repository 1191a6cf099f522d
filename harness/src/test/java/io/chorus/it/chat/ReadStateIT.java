package io.chorus.it.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.harness.Poll;
import io.chorus.harness.client.ApiException;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.HistoryQuery;
import io.chorus.harness.client.MyChannel;
import io.chorus.harness.client.NewChannel;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Read marks and unread counts (decision 0251) through the real endpoints: a mark moves the counts of
 * {@code GET /v1/users/me/channels}, an older mark never moves it back, mentions of the caller are counted, only a
 * member may mark a channel read, and every session of the user hears the mark.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadStateIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ChorusClient api;
    private StackFixture store;
    private final List<NotificationSocket> sockets = new CopyOnWriteArrayList<>();

    @BeforeAll
    void setUp(StackDescription stack) {
        store = new StackFixture(stack);
        // the listing is polled: a 429 of the query service's per-user limit is waited out, not a failure
        api = ChorusClient.of(stack);
    }

    @AfterAll
    void tearDown() {
        sockets.forEach(NotificationSocket::close);
    }

    @Test
    void aMarkLowersTheCountsAndAnOlderMarkDoesNotMoveItBack() {
        String alice = StackFixture.id("alice");
        String bob = StackFixture.id("bob");
        String channel = StackFixture.id("read");
        String other = StackFixture.id("other");
        api.createChannel(store.token(alice), NewChannel.named(channel, "private", List.of(bob)));
        api.createChannel(store.token(alice), NewChannel.named(other, "private", List.of(bob)));
        store.awaitChannel(channel, alice, 2);
        store.awaitChannel(other, alice, 2);

        // each send waits for the one before to be stored: ids of one millisecond order by their random bits
        String hello = api.sendMessage(store.token(bob), channel, "m1", "hello").messageId();
        awaitStored(bob, channel, hello);
        String mention = api.sendMessage(store.token(bob), channel, "m2", "@" + alice + " look at this")
                .messageId();
        awaitStored(bob, channel, mention);
        api.sendMessage(store.token(alice), channel, "m3", "my own message is not unread");
        api.sendMessage(store.token(bob), channel, "m4", "not for @" + alice + "x");
        String inOther =
                api.sendMessage(store.token(bob), other, "o1", "elsewhere").messageId();

        MyChannel before = awaitMine(alice, channel, c -> c.unread() == 3);
        assertThat(before.mentions()).isEqualTo(1);
        assertThat(before.countsCapped()).isFalse();
        assertThat(before.lastReadMessageId()).isNull();

        api.markRead(store.token(alice), channel, mention);
        MyChannel read = awaitMine(alice, channel, c -> mention.equals(c.lastReadMessageId()));
        assertThat(read.unread()).isEqualTo(1);
        assertThat(read.mentions()).isZero();

        // the meta writer applies a user's marks in the order they were accepted: once the mark of the other
        // channel is visible, the older mark of this one has been applied too
        api.markRead(store.token(alice), channel, hello);
        api.markRead(store.token(alice), other, inOther);
        awaitMine(alice, other, c -> inOther.equals(c.lastReadMessageId()) && c.unread() == 0);
        MyChannel after = mine(alice, channel);
        assertThat(after.lastReadMessageId()).isEqualTo(mention);
        assertThat(after.unread()).isEqualTo(1);
        assertThat(after.mentions()).isZero();
    }

    @Test
    void aChannelNeverReadCountsTheMessagesSinceTheCallerJoined() {
        String alice = StackFixture.id("alice");
        String bob = StackFixture.id("bob");
        String channel = StackFixture.id("joined");
        api.createChannel(store.token(bob), NewChannel.named(channel, "public", List.of()));
        store.awaitChannel(channel, bob, 1);
        String early = api.sendMessage(store.token(bob), channel, "m1", "before alice @" + alice)
                .messageId();
        awaitStored(bob, channel, early);
        api.addMembers(store.token(bob), channel, List.of(alice), null);
        store.awaitChannel(channel, bob, 2);
        String welcome = api.sendMessage(store.token(bob), channel, "m2", "welcome @" + alice)
                .messageId();
        awaitStored(bob, channel, welcome);

        // both messages mention alice and both are stored: only the one after she joined counts
        MyChannel mine = mine(alice, channel);
        assertThat(mine.unread()).isEqualTo(1);
        assertThat(mine.mentions()).isEqualTo(1);
    }

    /** Two sessions of one user, on different instances when the stack has several: both hear the mark. */
    @Test
    void theUsersSessionsAreToldOfAMark() {
        String alice = StackFixture.id("alice");
        String bob = StackFixture.id("bob");
        String channel = StackFixture.id("devices");
        List<String> urls = store.stack().services().notification().stream()
                .map(n -> n.ws())
                .toList();
        NotificationSocket phone = connect(urls.get(0), alice);
        NotificationSocket laptop = connect(urls.get(urls.size() - 1), alice);
        api.createChannel(store.token(bob), NewChannel.named(channel, "private", List.of(alice)));
        phone.await(Frame.ChannelChange.class, WAIT);
        laptop.await(Frame.ChannelChange.class, WAIT);
        store.awaitChannel(channel, bob, 2);
        String message = api.sendMessage(store.token(bob), channel, "m1", "hi").messageId();

        api.markRead(store.token(alice), channel, message);
        for (NotificationSocket socket : List.of(phone, laptop)) {
            Frame.Read read = socket.await(Frame.Read.class, WAIT);
            assertThat(read.channelId()).isEqualTo(channel);
            assertThat(read.lastReadMessageId()).isEqualTo(message);
        }
    }

    @Test
    void onlyAMemberMayMarkAChannelRead() {
        String alice = StackFixture.id("alice");
        String carol = StackFixture.id("carol");
        String channel = StackFixture.id("closed");
        api.createChannel(store.token(alice), NewChannel.named(channel, "private", List.of()));
        store.awaitChannel(channel, alice, 1);
        String message = api.sendMessage(store.token(alice), channel, "m1", "members only")
                .messageId();

        assertThatThrownBy(() -> api.markRead(store.token(carol), channel, message))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("not_a_member");
                });
        assertThatThrownBy(() -> api.markRead(store.token(carol), StackFixture.id("nowhere"), message))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> api.markRead(store.token(alice), channel, "not-a-message-id"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThatThrownBy(() -> api.markRead(
                        store.token(alice), channel, java.util.UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(422));
    }

    private NotificationSocket connect(String url, String user) {
        NotificationSocket socket = NotificationSocket.connect(url, store.token(user), null);
        sockets.add(socket);
        socket.awaitReady(WAIT);
        return socket;
    }

    /** Waits until history, as {@code member} reads it, holds the message. */
    private void awaitStored(String member, String channel, String messageId) {
        Poll.until(
                WAIT,
                () -> api.history(store.token(member), channel, HistoryQuery.newest(50)),
                page -> page.messages().stream().anyMatch(m -> messageId.equals(m.id())));
    }

    /** The caller's entry for a channel, read again until it satisfies {@code done}. */
    private MyChannel awaitMine(String user, String channel, Predicate<MyChannel> done) {
        return Poll.until(WAIT, () -> mine(user, channel), c -> c != null && c.unread() != null && done.test(c));
    }

    private MyChannel mine(String user, String channel) {
        return api.myChannels(store.token(user), null, 1000).items().stream()
                .filter(c -> channel.equals(c.channelId()))
                .findFirst()
                .orElse(null);
    }
}
