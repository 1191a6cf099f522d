package io.chorus.it.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NewChannel;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Channel and membership changes reach the sessions of the users concerned at once, over their open sockets
 * (docs/protocol.md): the channel starts or stops streaming without a reconnect, and a removal holds whatever
 * order it and a reconnect take (decision 0250). Everything goes through the real REST endpoints and sockets.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveMembershipIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private ChorusClient api;
    private StackFixture store;
    private DevelopmentTokens tokens;
    private String ws;
    private final List<NotificationSocket> sockets = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void setUp(StackDescription stack) {
        api = ChorusClient.of(stack).withRateLimitWait(RateLimitWait.NONE);
        store = new StackFixture(stack);
        tokens = new DevelopmentTokens(stack.auth().hmacSecret());
        ws = stack.services().notification().get(0).ws();
    }

    @AfterAll
    void tearDown() {
        sockets.forEach(NotificationSocket::close);
    }

    @Test
    void theCreatorAndMembersOfANewChannelAreToldAndReceiveItsEventsWithoutReconnecting() {
        String alice = id("alice");
        String bob = id("bob");
        String channel = id("new");
        NotificationSocket aliceSocket = connect(alice, null);
        NotificationSocket bobSocket = connect(bob, null);

        api.createChannel(token(alice), NewChannel.named(channel, "private", List.of(bob)));

        for (NotificationSocket socket : List.of(aliceSocket, bobSocket)) {
            Frame.ChannelChange added = socket.await(Frame.ChannelChange.class, WAIT);
            assertThat(added.op()).isEqualTo("channel_added");
            assertThat(added.channelId()).isEqualTo(channel);
            assertThat(added.event().path("type").asText()).isEqualTo("channel.created");
        }
        store.awaitChannel(channel, alice, 2);
        api.sendMessage(token(bob), channel, "m1", "hello");
        assertThat(aliceSocket.events(1, WAIT))
                .extracting(Frame.Event::channelId)
                .containsExactly(channel);
        assertThat(bobSocket.events(1, WAIT)).extracting(Frame.Event::channelId).containsExactly(channel);
    }

    @Test
    void anAddedMemberStartsReceivingAndARemovedOneStopsWhileTheOthersAreTold() {
        String alice = id("alice");
        String bob = id("bob");
        String channel = id("members");
        NotificationSocket aliceSocket = connect(alice, null);
        NotificationSocket bobSocket = connect(bob, null);
        api.createChannel(token(alice), NewChannel.named(channel, "private", List.of()));
        aliceSocket.await(Frame.ChannelChange.class, WAIT);
        store.awaitChannel(channel, alice, 1);

        api.addMembers(token(alice), channel, List.of(bob), null);
        Frame.ChannelChange added = bobSocket.await(Frame.ChannelChange.class, WAIT);
        assertThat(added.op()).isEqualTo("channel_added");
        assertThat(added.channelId()).isEqualTo(channel);
        Frame.MembersChanged joined = aliceSocket.await(Frame.MembersChanged.class, WAIT);
        assertThat(joined.channelId()).isEqualTo(channel);
        assertThat(joined.change()).isEqualTo("joined");
        assertThat(joined.userIds()).containsExactly(bob);
        store.awaitChannel(channel, alice, 2);
        api.sendMessage(token(alice), channel, "m1", "while bob is in");
        assertThat(bobSocket.events(1, WAIT)).extracting(Frame.Event::channelId).containsExactly(channel);

        api.removeMember(token(alice), channel, bob);
        Frame.ChannelChange removed = bobSocket.await(Frame.ChannelChange.class, WAIT);
        assertThat(removed.op()).isEqualTo("channel_removed");
        Frame.MembersChanged left = aliceSocket.await(Frame.MembersChanged.class, WAIT);
        assertThat(left.change()).isEqualTo("left");
        assertThat(left.userIds()).containsExactly(bob);

        api.sendMessage(token(alice), channel, "m2", "after bob left");
        assertThat(aliceSocket.events(1, WAIT)) // m1 went by while alice awaited the members_changed frames
                .extracting(e -> e.event().path("payload").path("clientMsgId").asText())
                .containsExactly("m2");
        assertThat(eventsOfUntilPong(bobSocket, channel)).isEmpty();
    }

    @Test
    void aRenameAndANewTopicReachTheMembers() {
        String alice = id("alice");
        String bob = id("bob");
        String channel = id("renamed");
        NotificationSocket bobSocket = connect(bob, null);
        api.createChannel(token(alice), NewChannel.named(channel, "public", List.of(bob)));
        bobSocket.await(Frame.ChannelChange.class, WAIT);
        store.awaitChannel(channel, alice, 2);

        api.updateChannel(token(alice), channel, "general", "what we talk about");
        Frame.ChannelChange updated = bobSocket.await(Frame.ChannelChange.class, WAIT);
        assertThat(updated.op()).isEqualTo("channel_updated");
        assertThat(updated.event().path("payload").path("name").asText()).isEqualTo("general");
        assertThat(updated.event().path("payload").path("topic").asText()).isEqualTo("what we talk about");
    }

    /** Changes made while bob was away come to him on resume, as the frames he would have had live. */
    @Test
    void resumeReplaysTheChangesMissed() {
        String alice = id("alice");
        String bob = id("bob");
        String known = id("known");
        String joined = id("joined");
        NotificationSocket bobSocket = connect(bob, null);
        api.createChannel(token(alice), NewChannel.named(known, "public", List.of(bob)));
        bobSocket.await(Frame.ChannelChange.class, WAIT);
        store.awaitChannel(known, alice, 2);
        api.createChannel(token(alice), NewChannel.named(joined, "private", List.of()));
        store.awaitChannel(joined, alice, 1);
        String resume = bobSocket.resume();
        bobSocket.close();

        api.updateChannel(token(alice), known, "renamed", null);
        api.addMembers(token(alice), joined, List.of(bob), null);
        store.awaitChannel(joined, alice, 2);

        NotificationSocket again = NotificationSocket.connect(ws, token(bob), resume);
        sockets.add(again);
        assertThat(again.awaitReady(WAIT).resumed()).isTrue();
        Frame.ChannelChange renamed = again.await(Frame.ChannelChange.class, WAIT);
        assertThat(renamed.op()).isEqualTo("channel_updated");
        assertThat(renamed.channelId()).isEqualTo(known);
        Frame.ChannelChange added = again.await(Frame.ChannelChange.class, WAIT);
        assertThat(added.op()).isEqualTo("channel_added");
        assertThat(added.channelId()).isEqualTo(joined);
        api.sendMessage(token(alice), joined, "m1", "bob sees it");
        assertThat(again.events(1, WAIT)).extracting(Frame.Event::channelId).containsExactly(joined);

        // the token of the last change frame covers it: resuming with it replays nothing again
        String after = again.resume();
        again.close();
        NotificationSocket third = connect(bob, after);
        assertThat(noChangeUntilPong(third)).isTrue();
    }

    /**
     * Bob reconnects (with his resume token) while he is being removed, the two started together, many times: his
     * new session never receives the channel afterwards, whichever reached the instance first.
     */
    @Test
    void aRemovalRacingAReconnectStopsTheChannelEitherWay() throws Exception {
        String alice = id("alice");
        String bob = id("bob");
        NotificationSocket aliceSocket = connect(alice, null);
        ExecutorService race = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                String channel = id("race");
                NotificationSocket bobSocket = connect(bob, null);
                api.createChannel(token(alice), NewChannel.named(channel, "private", List.of(bob)));
                aliceSocket.await(Frame.ChannelChange.class, WAIT);
                bobSocket.await(Frame.ChannelChange.class, WAIT);
                store.awaitChannel(channel, alice, 2);
                String resume = bobSocket.resume();
                bobSocket.close();

                CompletableFuture<NotificationSocket> reconnect =
                        CompletableFuture.supplyAsync(() -> connect(bob, resume), race);
                CompletableFuture<?> removal =
                        CompletableFuture.runAsync(() -> api.removeMember(token(alice), channel, bob), race);
                NotificationSocket again = reconnect.get();
                removal.get();
                aliceSocket.await(Frame.MembersChanged.class, WAIT);

                api.sendMessage(token(alice), channel, "after-" + round, "bob is gone");
                assertThat(aliceSocket.events(1, WAIT))
                        .extracting(Frame.Event::channelId)
                        .containsExactly(channel);
                assertThat(eventsOfUntilPong(again, channel))
                        .as("round %d: bob's new session after the removal", round)
                        .isEmpty();
                again.close();
            }
        } finally {
            race.shutdownNow();
        }
    }

    /**
     * The channel's events a socket had received up to a pong: alice (on the same instance) has had the event
     * already, so anything the instance delivered to this socket was queued before the pong.
     */
    private static List<Frame.Event> eventsOfUntilPong(NotificationSocket socket, String channel) {
        socket.ping();
        List<Frame.Event> events = new ArrayList<>();
        while (true) {
            Frame frame = socket.next(WAIT);
            assertThat(frame).as("a pong").isNotNull();
            if (frame instanceof Frame.Pong) {
                return events;
            }
            if (frame instanceof Frame.Event event && channel.equals(event.channelId())) {
                events.add(event);
            }
        }
    }

    private static boolean noChangeUntilPong(NotificationSocket socket) {
        socket.ping();
        while (true) {
            Frame frame = socket.next(WAIT);
            assertThat(frame).as("a pong").isNotNull();
            if (frame instanceof Frame.Pong) {
                return true;
            }
            if (frame instanceof Frame.ChannelChange || frame instanceof Frame.MembersChanged) {
                return false;
            }
        }
    }

    private NotificationSocket connect(String user, String resume) {
        NotificationSocket socket = NotificationSocket.connect(ws, token(user), resume);
        sockets.add(socket);
        socket.awaitReady(WAIT);
        return socket;
    }

    private String token(String user) {
        return tokens.issue(user, false, Duration.ofHours(1));
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
