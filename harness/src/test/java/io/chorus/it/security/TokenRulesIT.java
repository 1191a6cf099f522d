package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.client.NotificationSocket;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Security item 3: a token counts only from the configured issuer, for the configured audience, with a bounded
 * lifetime; a WebSocket lives no longer than the token it was opened with.
 */
@ExtendWith(LocalStackExtension.class)
class TokenRulesIT {
    /** Creating a channel (command service) and listing one's channels (query service) with the token. */
    private static int[] statuses(StackFixture fixture, String token) {
        int command = fixture.post("/v1/channels", token, "{\"name\":\"t\",\"kind\":\"public\"}")
                .status();
        int query = fixture.get("/v1/users/me/channels", token).status();
        return new int[] {command, query};
    }

    @Test
    void theStacksOwnTokensAreAccepted(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        assertThat(statuses(fixture, fixture.token(StackFixture.id("u")))).containsExactly(202, 200);
    }

    @Test
    void aTokenOfAnotherIssuerOrAudienceIsRefused(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        String user = StackFixture.id("u");
        assertThat(statuses(fixture, fixture.token(user, c -> c.audience("another-service"))))
                .containsExactly(401, 401);
        assertThat(statuses(fixture, fixture.token(user, c -> c.audience((String) null))))
                .containsExactly(401, 401);
        assertThat(statuses(fixture, fixture.token(user, c -> c.issuer("someone-else"))))
                .containsExactly(401, 401);
        assertThat(statuses(fixture, fixture.token(user, c -> c.issuer(null)))).containsExactly(401, 401);
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefused(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        Instant now = Instant.now();
        String longLived =
                fixture.token(StackFixture.id("u"), c -> c.expirationTime(Date.from(now.plus(Duration.ofDays(30)))));
        assertThat(statuses(fixture, longLived)).containsExactly(401, 401);
    }

    @Test
    void aWebSocketIsClosedWhenItsTokenExpires(StackDescription stack) throws Exception {
        StackFixture fixture = new StackFixture(stack);
        // expired 20 s ago: the server allows its clock skew (30 s) on top of exp, as it does when it checks a token,
        // so the socket opens and is closed about 10 s later; the idle timeout (60 s) would close with another code
        String token = fixture.token(
                StackFixture.id("u"),
                c -> c.expirationTime(Date.from(Instant.now().minus(Duration.ofSeconds(20)))));
        StackDescription.Endpoint instance = stack.services().notification().get(0);
        // the token in the URL: it is checked as the socket opens, so the socket never waits for an auth frame
        try (NotificationSocket socket = NotificationSocket.connectWithTokenInUrl(instance.ws(), token, null)) {
            socket.awaitReady(Duration.ofSeconds(8));
            assertThat(socket.closeCode().get(50, TimeUnit.SECONDS)).isEqualTo(4003);
        }
    }
}
