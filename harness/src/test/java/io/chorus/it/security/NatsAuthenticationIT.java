package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.Frame;
import io.chorus.harness.client.NewChannel;
import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.config.NatsUser;
import io.chorus.it.StackFixture;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local stack runs NATS with authentication on: every node admits only the stack's user, every service and
 * every connection of the harness authenticate as it (the services by the {@code user}/{@code password} of their
 * {@code nats} block, the harness by the credentials in {@code stack.json}'s URLs), and a client without them, or
 * with a wrong password, is refused by every node.
 */
@ExtendWith(LocalStackExtension.class)
class NatsAuthenticationIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void everyNodeRefusesAClientWithoutTheStacksCredentials(StackDescription stack) {
        assertThat(stack.nats().urls()).isNotEmpty();
        for (String url : stack.nats().urls()) {
            URI node = URI.create(url);
            assertThat(node.getUserInfo()).startsWith(NatsUser.NAME + ":");
            String address = node.getHost() + ":" + node.getPort();

            for (String refused : List.of("nats://" + address, "nats://" + NatsUser.NAME + ":wrong@" + address)) {
                assertThatThrownBy(() -> connectOnce(refused).close())
                        .as(refused)
                        .hasStackTraceContaining("Authorization Violation");
            }
            try (Connection admitted = connectOnce(url)) {
                assertThat(admitted.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                assertThat(admitted.jetStreamManagement().getStreamNames()).contains("MESSAGES");
            } catch (Exception e) {
                throw new AssertionError("the stack's own URL " + address + " was not admitted", e);
            }
        }
    }

    @Test
    void aMessageIsSentAndDeliveredThroughTheAuthenticatedServices(StackDescription stack) {
        ChorusClient api = ChorusClient.of(stack).withRateLimitWait(RateLimitWait.NONE);
        StackFixture store = new StackFixture(stack);
        String alice = StackFixture.id("alice");
        String bob = StackFixture.id("bob");
        String channel = StackFixture.id("auth");
        api.createChannel(store.token(alice), NewChannel.named(channel, "private", List.of(bob)));
        store.awaitChannel(channel, alice, 2);

        try (NotificationSocket bobSocket = NotificationSocket.connect(
                stack.services().notification().get(0).ws(), store.token(bob), null)) {
            bobSocket.awaitReady(WAIT);
            api.sendMessage(store.token(alice), channel, "m1", "over authenticated NATS");

            List<Frame.Event> events = bobSocket.events(1, WAIT);
            assertThat(events).extracting(Frame.Event::channelId).containsExactly(channel);
        }
    }

    /** One attempt, no reconnects: an authorization error surfaces at once. */
    private static Connection connectOnce(String url) throws Exception {
        return Nats.connect(new Options.Builder()
                .server(url)
                .maxReconnects(0)
                .connectionTimeout(Duration.ofSeconds(2))
                .build());
    }
}
