package io.chorus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A JWT given in the WebSocket URL ({@code /v1/ws?token=}) never reaches the notification instance's request log. */
@Order(21)
@ExtendWith(LocalStackExtension.class)
class WebSocketTokenLogIT {
    @Test
    void theRequestLogRecordsTheUpgradeButNotTheToken(StackDescription stack) throws Exception {
        String user = LiveDeliveryFixture.id("log");
        String token;
        try (LiveDeliveryFixture fixture = new LiveDeliveryFixture(stack)) {
            token = fixture.token(user);
        }
        String agent = "token-log-it-" + UUID.randomUUID();
        StackDescription.Endpoint instance = stack.services().notification().get(0);
        try (NotificationSocket socket =
                NotificationSocket.connectWithTokenInUrl(instance.ws(), token, "r1.x", Map.of("User-Agent", agent))) {
            assertThat(socket.awaitReady(Duration.ofSeconds(15)).userId())
                    .as("the token was accepted")
                    .isEqualTo(user);
        }

        Path log = new RunFolder(Path.of(stack.runDir())).log(instance.name());
        // the request log is written when the upgraded connection ends, asynchronously: wait for our line
        List<String> ours = Poll.until(
                "the upgrade request in " + log,
                Duration.ofSeconds(15),
                () -> Files.readAllLines(log).stream()
                        .filter(l -> l.contains(agent))
                        .toList(),
                l -> !l.isEmpty());
        assertThat(ours.get(0)).contains("GET /v1/ws?token=REDACTED&resume=r1.x");
        List<String> all = Files.readAllLines(log);
        assertThat(all).as("no line of the log holds the token").noneMatch(l -> l.contains(token));
        // every socket other tests opened on this instance used a URL token too: none of them is in the log either
        assertThat(all).filteredOn(l -> l.contains("/v1/ws?")).allMatch(l -> !l.contains("token=ey"));
    }
}
