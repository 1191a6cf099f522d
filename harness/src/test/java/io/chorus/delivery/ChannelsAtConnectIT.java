package io.chorus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.common.events.Subjects;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.KeyValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The channels a connecting user's session starts with (decision 0020): read from the permissions KV with one
 * direct get for up to 1,024 channels, with an ordered consumer beyond; a channel the user left is never loaded.
 */
@Order(21)
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelsAtConnectIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private LiveDeliveryFixture fixture;
    private String ws;

    @BeforeAll
    void setUp(StackDescription stack) throws Exception {
        fixture = new LiveDeliveryFixture(stack);
        ws = stack.services().notification().get(0).ws();
    }

    @AfterAll
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aChannelLeftBeforeConnectingIsNotLoadedAndDeliversNothing() throws Exception {
        String user = LiveDeliveryFixture.id("u");
        String sender = LiveDeliveryFixture.id("s");
        String kept = LiveDeliveryFixture.id("kept");
        String left = LiveDeliveryFixture.id("left");
        fixture.join(kept, List.of(user, sender));
        fixture.join(left, List.of(user, sender));
        fixture.leave(left, user);
        fixture.awaitMetaApplied();

        NotificationSocket socket = NotificationSocket.connectWithTokenInUrl(ws, fixture.token(user), null);
        assertThat(socket.await(Frame.Ready.class, WAIT).channels()).isEqualTo(1);
        fixture.sendMessage(left, sender, "to the channel left");
        fixture.sendMessage(kept, sender, "to the channel kept");
        List<Frame.Event> events = socket.events(1, WAIT);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).channelId()).isEqualTo(kept);
        socket.close();
    }

    @Test
    void aUserInMoreChannelsThanOneDirectGetAnswersGetsThemAll() throws Exception {
        String user = LiveDeliveryFixture.id("many");
        KeyValue permissions = fixture.nats().keyValue(Subjects.PERMISSIONS_BUCKET);
        int channels = 1_100; // past the server's 1,024 subjects per multi_last answer
        for (int i = 0; i < channels; i++) {
            permissions.put(Subjects.permissionKey(LiveDeliveryFixture.id("c" + i), user), "member");
        }
        String left = LiveDeliveryFixture.id("left");
        fixture.join(left, List.of(user));
        fixture.leave(left, user);
        fixture.awaitMetaApplied();

        NotificationSocket socket = NotificationSocket.connectWithTokenInUrl(ws, fixture.token(user), null);
        assertThat(socket.await(Frame.Ready.class, WAIT).channels()).isEqualTo(channels);
        socket.close();
    }
}
