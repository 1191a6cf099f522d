package io.chorus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.events.Subjects;
import io.chorus.common.routing.RoutingSubjects;
import io.chorus.harness.client.ClientFrame;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Dispatcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Live delivery through fan-out and two notification instances, as a client on a socket sees it. */
@Order(20)
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveDeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private LiveDeliveryFixture fixture;
    private StackDescription stack;
    private String ws1;
    private String ws2;

    @BeforeAll
    void setUp(StackDescription stack) throws Exception {
        this.stack = stack;
        fixture = new LiveDeliveryFixture(stack);
        ws1 = stack.services().notification().get(0).ws();
        ws2 = stack.services().notification().get(1).ws();
    }

    @AfterAll
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void everyOnlineMemberReceivesEveryEventOnceInOrderAndNonMembersNothing() throws Exception {
        String channel = LiveDeliveryFixture.id("live");
        List<String> members = List.of(
                LiveDeliveryFixture.id("m"),
                LiveDeliveryFixture.id("m"),
                LiveDeliveryFixture.id("m"),
                LiveDeliveryFixture.id("m"));
        String outsider = LiveDeliveryFixture.id("out");
        fixture.join(channel, members);
        fixture.join(LiveDeliveryFixture.id("other"), List.of(outsider));

        List<NotificationSocket> sockets = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            sockets.add(ready(i % 2 == 0 ? ws1 : ws2, members.get(i), null));
        }
        NotificationSocket outsiderSocket = ready(ws1, outsider, null);
        NotificationSocket outsiderSocket2 = ready(ws2, outsider, null);

        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sent.add(fixture.sendMessage(channel, members.get(i % 4), "message " + i)
                    .seq());
        }
        for (NotificationSocket socket : sockets) {
            List<Frame.Event> events = socket.events(50, WAIT);
            assertThat(events).extracting(Frame.Event::seq).containsExactlyElementsOf(sent);
            assertThat(events).allSatisfy(e -> assertThat(e.channelId()).isEqualTo(channel));
            assertThat(events.get(7).event().at("/payload/text").asText()).isEqualTo("message 7");
            assertThat(socket.events(1, Duration.ofMillis(300)))
                    .as("no duplicate")
                    .isEmpty();
        }
        assertThat(outsiderSocket.events(1, Duration.ofMillis(500))).isEmpty();
        assertThat(outsiderSocket2.events(1, Duration.ofMillis(100))).isEmpty();
        sockets.forEach(NotificationSocket::close);
        outsiderSocket.close();
        outsiderSocket2.close();
    }

    @Test
    void fanoutPublishesOncePerInstanceHoldingAnOnlineMember() throws Exception {
        String oneInstance = LiveDeliveryFixture.id("one");
        String twoInstances = LiveDeliveryFixture.id("two");
        String a = LiveDeliveryFixture.id("a");
        String b = LiveDeliveryFixture.id("b");
        String c = LiveDeliveryFixture.id("c");
        fixture.join(oneInstance, List.of(a, b));
        fixture.join(twoInstances, List.of(a, c));
        NotificationSocket sa = ready(ws1, a, null);
        NotificationSocket sb = ready(ws1, b, null);
        NotificationSocket sc = ready(ws2, c, null);

        Map<Long, Integer> copies = new ConcurrentHashMap<>();
        Dispatcher spy = fixture.nats().createDispatcher(m -> {
            if (m.getHeaders() != null && m.getHeaders().getFirst(RoutingSubjects.SEQ_HEADER) != null) {
                copies.merge(Long.parseLong(m.getHeaders().getFirst(RoutingSubjects.SEQ_HEADER)), 1, Integer::sum);
            }
        });
        spy.subscribe(Subjects.INSTANCE_EVENTS_PREFIX + ">");
        fixture.nats().flush(Duration.ofSeconds(2));
        long first = fixture.sendMessage(oneInstance, a, "to one instance").seq();
        long second = fixture.sendMessage(twoInstances, a, "to two instances").seq();
        sa.events(2, WAIT);
        sc.events(1, WAIT);
        sb.events(1, WAIT);
        fixture.nats().flush(Duration.ofSeconds(2));
        Poll.until(
                "both events seen on the inboxes",
                WAIT,
                () -> copies,
                m -> m.containsKey(first) && m.containsKey(second));
        fixture.nats().closeDispatcher(spy);

        assertThat(copies.get(first)).isEqualTo(1);
        assertThat(copies.get(second)).isEqualTo(2);
        sa.close();
        sb.close();
        sc.close();
    }

    @Test
    void eachNotificationInstanceHoldsOneEventSubscription() throws Exception {
        String channel = LiveDeliveryFixture.id("subs");
        List<NotificationSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String user = LiveDeliveryFixture.id("u");
            fixture.join(channel, List.of(user));
            sockets.add(ready(i % 2 == 0 ? ws1 : ws2, user, null));
        }
        for (StackDescription.Endpoint instance : stack.services().notification()) {
            assertThat(NatsSubscriptions.eventSubscriptions(stack, instance.name()))
                    .as(instance.name())
                    .containsExactly(Subjects.instanceEvents(instance.name()));
        }
        sockets.forEach(NotificationSocket::close);
    }

    @Test
    void joinAndLeaveReachAnOnlineMembersInstance() throws Exception {
        String channel = LiveDeliveryFixture.id("jl");
        String sender = LiveDeliveryFixture.id("s");
        String joiner = LiveDeliveryFixture.id("j");
        fixture.join(channel, List.of(sender));
        NotificationSocket socket = ready(ws2, joiner, null);
        assertThat(socket.await(Frame.Ready.class, WAIT).channels()).isZero();

        fixture.join(channel, List.of(joiner));
        // the join reaches the instance asynchronously: the first message after it is in force arrives
        Frame.Event received = Poll.until(
                "a message after the join",
                WAIT,
                () -> {
                    fixture.sendMessage(channel, sender, "after join");
                    List<Frame.Event> events = socket.events(1, Duration.ofMillis(300));
                    return events.isEmpty() ? null : events.get(0);
                },
                e -> e != null);
        assertThat(received.channelId()).isEqualTo(channel);

        fixture.leave(channel, joiner);
        Poll.until(
                "no message after the leave",
                WAIT,
                () -> {
                    socket.discardQueued();
                    fixture.sendMessage(channel, sender, "after leave");
                    return socket.events(1, Duration.ofMillis(500)).size();
                },
                n -> n == 0);
        socket.close();
    }

    @Test
    void aResumingClientGetsWhatItMissedOnTheOtherInstanceWithoutGapOrDuplicate() throws Exception {
        String channel = LiveDeliveryFixture.id("resume");
        String reader = LiveDeliveryFixture.id("r");
        String writer = LiveDeliveryFixture.id("w");
        fixture.join(channel, List.of(reader, writer));
        NotificationSocket first = ready(ws1, reader, null);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(fixture.sendMessage(channel, writer, "before " + i).seq());
        }
        assertThat(first.events(10, WAIT)).hasSize(10);
        String token = first.resume();
        first.close();

        for (int i = 0; i < 15; i++) {
            sent.add(fixture.sendMessage(channel, writer, "while away " + i).seq());
        }
        NotificationSocket second = NotificationSocket.connectWithTokenInUrl(ws2, fixture.token(reader), token);
        assertThat(second.await(Frame.Ready.class, WAIT).resumed()).isTrue();
        for (int i = 0; i < 5; i++) {
            sent.add(fixture.sendMessage(channel, writer, "after " + i).seq());
        }
        List<Frame.Event> events = second.events(20, WAIT);
        assertThat(events).extracting(Frame.Event::seq).containsExactlyElementsOf(sent.subList(10, 30));
        assertThat(second.events(1, Duration.ofMillis(300))).isEmpty();
        second.close();
    }

    @Test
    void typingReachesTheOtherMembers() throws Exception {
        String channel = LiveDeliveryFixture.id("typing");
        String a = LiveDeliveryFixture.id("a");
        String b = LiveDeliveryFixture.id("b");
        fixture.join(channel, List.of(a, b));
        NotificationSocket sa = ready(ws1, a, null);
        NotificationSocket sb = ready(ws2, b, null);
        sa.typing(channel);
        Frame.Typing typing = sb.await(Frame.Typing.class, WAIT);
        assertThat(typing.channelId()).isEqualTo(channel);
        assertThat(typing.userId()).isEqualTo(a);

        sa.typing("not-mine");
        assertThat(sa.await(Frame.Error.class, WAIT).code()).isEqualTo("not_a_member");
        sa.close();
        sb.close();
    }

    @Test
    void protocolFramesAndErrors() throws Exception {
        String user = LiveDeliveryFixture.id("p");
        NotificationSocket bad = NotificationSocket.connectWithTokenInUrl(ws1, "not-a-token", null);
        assertThat(bad.await(Frame.Error.class, WAIT).code()).isEqualTo("unauthorized");
        assertThat(bad.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4001);

        NotificationSocket firstFrame = NotificationSocket.bare(ws2);
        firstFrame.send(ClientFrame.auth(fixture.token(user), null));
        Frame.Ready ready = firstFrame.await(Frame.Ready.class, WAIT);
        assertThat(ready.userId()).isEqualTo(user);
        assertThat(ready.resume()).startsWith("r1.");
        firstFrame.ping();
        firstFrame.await(Frame.Pong.class, WAIT);
        firstFrame.send("not json");
        assertThat(firstFrame.await(Frame.Error.class, WAIT).code()).isEqualTo("bad_frame");
        firstFrame.send("{\"op\":\"dance\"}");
        assertThat(firstFrame.await(Frame.Error.class, WAIT).code()).isEqualTo("bad_frame");
        firstFrame.send("{\"op\":\"x\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(firstFrame.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(1009);

        NotificationSocket garbageResume = NotificationSocket.connectWithTokenInUrl(ws1, fixture.token(user), "r1.x");
        garbageResume.await(Frame.Ready.class, WAIT);
        assertThat(garbageResume.await(Frame.ResyncRequired.class, WAIT).reason())
                .isEqualTo("invalid_resume_token");
        garbageResume.close();
    }

    private NotificationSocket ready(String ws, String user, String resume) throws Exception {
        NotificationSocket socket = NotificationSocket.connectWithTokenInUrl(ws, fixture.token(user), resume);
        // waits on the ready future, not the queue: the ready frame stays queued for tests that look at it
        socket.awaitReady(WAIT);
        return socket;
    }

    /** The NATS monitoring endpoint's view of one service's subscriptions. */
    static final class NatsSubscriptions {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        /** Subscriptions of the named connection other than the client library's request-reply inbox. */
        static List<String> eventSubscriptions(StackDescription stack, String connectionName) throws Exception {
            List<String> subjects = new ArrayList<>();
            for (String monitor : stack.nats().monitor()) {
                HttpResponse<String> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(monitor + "/connz?subs=1&limit=1024"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                for (JsonNode connection :
                        LiveDeliveryFixture.JSON.readTree(response.body()).path("connections")) {
                    if (connectionName.equals(connection.path("name").asText())) {
                        connection.path("subscriptions_list").forEach(s -> {
                            if (!s.asText().startsWith("_INBOX.")) {
                                subjects.add(s.asText());
                            }
                        });
                    }
                }
            }
            return subjects;
        }
    }
}
