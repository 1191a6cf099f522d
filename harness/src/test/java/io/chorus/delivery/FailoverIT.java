package io.chorus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.LocalStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of a notification instance and of the fan-out: clients lose nothing and see nothing twice. Each test
 * restarts what it killed (and waits for it to be healthy), so the shared stack is whole for the classes after.
 */
@Order(30)
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private LiveDeliveryFixture fixture;
    private LocalStack stack;
    private String ws1;
    private String ws2;

    @BeforeAll
    void setUp(LocalStack stack) throws Exception {
        this.stack = stack;
        fixture = new LiveDeliveryFixture(stack.description());
        ws1 = stack.description().services().notification().get(0).ws();
        ws2 = stack.description().services().notification().get(1).ws();
    }

    @AfterAll
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void clientsOfAKilledNotificationInstanceResumeOnTheOtherWithoutAGap() throws Exception {
        String channel = LiveDeliveryFixture.id("kill-n");
        String reader = LiveDeliveryFixture.id("r");
        String writer = LiveDeliveryFixture.id("w");
        fixture.join(channel, List.of(reader, writer));
        NotificationSocket socket = NotificationSocket.connectWithTokenInUrl(ws1, fixture.token(reader), null);
        socket.await(Frame.Ready.class, WAIT);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(fixture.sendMessage(channel, writer, "before " + i).seq());
        }
        assertThat(socket.events(10, WAIT)).hasSize(10);

        kill9("notification-1");
        socket.closeCode().get(30, TimeUnit.SECONDS);
        String token = socket.resume();
        for (int i = 0; i < 10; i++) {
            sent.add(fixture.sendMessage(channel, writer, "while dead " + i).seq());
        }
        NotificationSocket resumed = NotificationSocket.connectWithTokenInUrl(ws2, fixture.token(reader), token);
        resumed.await(Frame.Ready.class, WAIT);
        for (int i = 0; i < 5; i++) {
            sent.add(fixture.sendMessage(channel, writer, "after " + i).seq());
        }
        List<Frame.Event> events = resumed.events(15, WAIT);
        assertThat(events).extracting(Frame.Event::seq).containsExactlyElementsOf(sent.subList(10, 25));
        assertThat(resumed.events(1, Duration.ofMillis(500))).isEmpty();
        resumed.close();

        stack.restart("notification-1");
        NotificationSocket back = NotificationSocket.connectWithTokenInUrl(ws1, fixture.token(reader), null);
        back.await(Frame.Ready.class, WAIT);
        long after = fixture.sendMessage(channel, writer, "to the restarted instance")
                .seq();
        assertThat(back.events(1, WAIT)).extracting(Frame.Event::seq).containsExactly(after);
        back.close();
    }

    @Test
    void aRestartedFanoutRebuildsItsTableAndDeliveryContinuesWithoutAGap() throws Exception {
        String channel = LiveDeliveryFixture.id("kill-f");
        String a = LiveDeliveryFixture.id("a");
        String b = LiveDeliveryFixture.id("b");
        String writer = LiveDeliveryFixture.id("w");
        fixture.join(channel, List.of(a, b, writer));
        NotificationSocket sa = NotificationSocket.connectWithTokenInUrl(ws1, fixture.token(a), null);
        NotificationSocket sb = NotificationSocket.connectWithTokenInUrl(ws2, fixture.token(b), null);
        sa.await(Frame.Ready.class, WAIT);
        sb.await(Frame.Ready.class, WAIT);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(fixture.sendMessage(channel, writer, "before " + i).seq());
        }
        assertThat(sa.events(5, WAIT)).hasSize(5);
        assertThat(sb.events(5, WAIT)).hasSize(5);

        kill9("fanout-1");
        for (int i = 0; i < 10; i++) {
            sent.add(fixture.sendMessage(channel, writer, "while the fan-out is dead " + i)
                    .seq());
        }
        stack.restart("fanout-1");
        for (int i = 0; i < 5; i++) {
            sent.add(fixture.sendMessage(channel, writer, "after " + i).seq());
        }
        for (NotificationSocket socket : List.of(sa, sb)) {
            List<Frame.Event> events = socket.events(15, WAIT);
            assertThat(events).extracting(Frame.Event::seq).containsExactlyElementsOf(sent.subList(5, 20));
            assertThat(socket.events(1, Duration.ofMillis(500)))
                    .as("no duplicate")
                    .isEmpty();
        }
        sa.close();
        sb.close();
    }

    private void kill9(String component) throws Exception {
        long pid = stack.description().pids().get(component);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(component + " not running"));
        process.destroyForcibly(); // SIGKILL: a crash, no shutdown hooks
        process.onExit().get(30, TimeUnit.SECONDS);
    }
}
