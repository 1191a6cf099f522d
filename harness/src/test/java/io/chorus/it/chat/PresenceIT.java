package io.chorus.it.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.events.Subjects;
import io.chorus.common.presence.PresenceEntry;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ApiException;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.ClientFrame;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NewChannel;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.client.UserPresence;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import io.nats.client.KeyValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presence (decision 0253) through the real endpoints: {@code GET /v1/users/presence} reads online, away (the local
 * stack's instances call a user away after 3 quiet seconds) and offline from the presence KV, and a session watching
 * the members of its channels gets a {@code presence} frame at each change, through the instance's one KV watch.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PresenceIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ChorusClient api;
    private StackFixture store;
    private final List<NotificationSocket> sockets = new CopyOnWriteArrayList<>();

    @BeforeAll
    void setUp(StackDescription stack) {
        store = new StackFixture(stack);
        api = ChorusClient.of(stack);
    }

    @AfterAll
    void tearDown() {
        sockets.forEach(NotificationSocket::close);
    }

    @Test
    void aUserIsOnlineWhileConnectedAwayWhenQuietAndOfflineOnceGone() {
        String alice = StackFixture.id("alice");
        String bob = StackFixture.id("bob");
        String reader = store.token(StackFixture.id("reader"));
        assertThat(api.presence(reader, List.of(alice, bob)))
                .extracting(UserPresence::status)
                .containsExactly("offline", "offline");

        NotificationSocket socket = connect(alice);
        // quiet since its connect: away within the 3 s of the local stack and the 1 s tick
        awaitStatus(reader, alice, "away");
        socket.send(ClientFrame.active());
        awaitStatus(reader, alice, "online");
        assertThat(api.presence(reader, List.of(alice, bob, alice)))
                .extracting(UserPresence::userId)
                .containsExactly(alice, bob);

        socket.closeNormally();
        awaitStatus(reader, alice, "offline");
    }

    @Test
    void aBatchPastTheBoundOrWithABadIdIsRefused() {
        String reader = store.token(StackFixture.id("reader"));
        List<String> many = IntStream.range(0, 101).mapToObj(i -> "u" + i).collect(Collectors.toList());
        assertThatThrownBy(() -> api.presence(reader, many)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("too_many_ids");
        });
        assertThatThrownBy(() -> api.presence(reader, List.of("ok", "not.an.id")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_ids"));
        assertThat(api.presence(reader, many.subList(0, 100))).hasSize(100);
    }

    @Test
    void aWatchingSessionIsToldEachChangeOfItsChannelsMembers() {
        String alice = StackFixture.id("alice");
        String bob = StackFixture.id("bob");
        String channel = StackFixture.id("watch");
        api.createChannel(store.token(alice), NewChannel.named(channel, "private", List.of(bob)));
        store.awaitChannel(channel, alice, 2);
        NotificationSocket watcher = connect(alice);

        watcher.send(ClientFrame.watchPresence(List.of(channel)));
        assertThat(awaitPresence(watcher, bob, null).status()).isEqualTo("offline");

        NotificationSocket bobs = connect(bob);
        awaitPresence(watcher, bob, "online");
        awaitPresence(watcher, bob, "away");
        bobs.send(ClientFrame.active());
        awaitPresence(watcher, bob, "online");
        bobs.closeNormally();
        awaitPresence(watcher, bob, "offline");
    }

    @Test
    void watchesAreBoundedAndForMembersOnly() {
        String alice = StackFixture.id("alice");
        String channel = StackFixture.id("mine");
        api.createChannel(store.token(alice), NewChannel.named(channel, "private", List.of()));
        store.awaitChannel(channel, alice, 1);
        NotificationSocket socket = connect(alice);

        socket.send(ClientFrame.watchPresence(List.of(channel, StackFixture.id("notmine"))));
        assertThat(socket.await(Frame.Error.class, WAIT).code()).isEqualTo("not_a_member");
        List<String> eleven = IntStream.range(0, 11).mapToObj(i -> channel + i).collect(Collectors.toList());
        socket.send(ClientFrame.watchPresence(eleven));
        assertThat(socket.await(Frame.Error.class, WAIT).code()).isEqualTo("too_many_watched");
    }

    /**
     * Entries are rewritten only every few minutes (decision 0292), so one written by an instance that then died
     * outlives it: every reader judges an entry by its instance's heartbeat in {@code instances}.
     */
    @Test
    void anEntryLeftByAnInstanceThatNoLongerBeatsReadsOffline() throws Exception {
        String alice = StackFixture.id("alice");
        String ghost = StackFixture.id("ghost");
        String living = StackFixture.id("living");
        String channel = StackFixture.id("ghosts");
        api.createChannel(store.token(alice), NewChannel.named(channel, "private", List.of(ghost, living)));
        store.awaitChannel(channel, alice, 3);
        KeyValue presence = store.nats().keyValue(Subjects.PRESENCE_BUCKET);
        String beating = store.nats().keyValue(Subjects.INSTANCES_BUCKET).keys().get(0);
        long now = System.currentTimeMillis();
        presence.put(ghost, new PresenceEntry(StackFixture.id("notification-gone"), false, now).encode());
        presence.put(living, new PresenceEntry(beating, false, now).encode());

        assertThat(api.presence(store.token(alice), List.of(ghost, living)))
                .extracting(UserPresence::status)
                .containsExactly("offline", "online");
        NotificationSocket watcher = connect(alice);
        watcher.send(ClientFrame.watchPresence(List.of(channel)));
        Map<String, String> told = new HashMap<>();
        while (!told.containsKey(ghost) || !told.containsKey(living)) {
            Frame.Presence frame = watcher.await(Frame.Presence.class, WAIT);
            told.putIfAbsent(frame.userId(), frame.status());
        }
        assertThat(told).as("the ghost's entry names no beating instance").containsEntry(ghost, "offline");
        assertThat(told).containsEntry(living, "online");
    }

    /** The design's rule: watching more users or from more sessions adds no NATS consumer at the instance. */
    @Test
    void anInstanceWatchesThePresenceBucketOnceWhateverItsSessionsWatch() throws Exception {
        String url = store.stack().services().notification().get(0).ws();
        String alice = StackFixture.id("alice");
        String carol = StackFixture.id("carol");
        String channel = StackFixture.id("once");
        api.createChannel(
                store.token(alice), NewChannel.named(channel, "private", List.of(carol, StackFixture.id("dave"))));
        store.awaitChannel(channel, alice, 3);

        NotificationSocket first = connect(url, alice);
        first.send(ClientFrame.watchPresence(List.of(channel)));
        awaitPresence(first, carol, null);
        int consumers = presenceConsumers();

        NotificationSocket second = connect(url, carol);
        second.send(ClientFrame.watchPresence(List.of(channel)));
        awaitPresence(second, alice, null);
        assertThat(presenceConsumers()).isEqualTo(consumers);
        assertThat(consumers)
                .isLessThanOrEqualTo(store.stack().services().notification().size());
    }

    private int presenceConsumers() throws Exception {
        return store.nats()
                .jetStreamManagement()
                .getConsumerNames("KV_presence")
                .size();
    }

    private Frame.Presence awaitPresence(NotificationSocket socket, String user, String status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Frame.Presence frame =
                    socket.await(Frame.Presence.class, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (frame.userId().equals(user) && (status == null || status.equals(frame.status()))) {
                return frame;
            }
        }
    }

    private void awaitStatus(String bearer, String user, String status) {
        Poll.until(WAIT, () -> api.presence(bearer, List.of(user)).get(0).status(), status::equals);
    }

    private NotificationSocket connect(String user) {
        return connect(store.stack().services().notification().get(0).ws(), user);
    }

    private NotificationSocket connect(String url, String user) {
        NotificationSocket socket = NotificationSocket.connect(url, store.token(user), null);
        sockets.add(socket);
        socket.awaitReady(WAIT);
        return socket;
    }
}
