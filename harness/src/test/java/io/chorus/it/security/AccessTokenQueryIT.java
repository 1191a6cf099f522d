package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.Poll;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The REST services take a bearer token in the Authorization header only: {@code ?access_token=} is refused with
 * 401, with or without a header, and the token it carried never reaches a request log.
 */
@ExtendWith(LocalStackExtension.class)
class AccessTokenQueryIT {
    @Test
    void aTokenInTheQueryStringAloneIsRefused(StackDescription stack) {
        StackFixture fixture = new StackFixture(stack);
        String token = fixture.token(StackFixture.id("u"));
        String url = stack.services().query().url() + "/v1/users/me/channels?access_token=" + token;
        Response answer = fixture.sendWithHeaders("GET", url, Map.of(), null);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("token_in_url");
        assertThat(answer.isJsonError()).isTrue();
        // the same request with the token where it belongs is served
        Response header = fixture.send("GET", stack.services().query().url() + "/v1/users/me/channels", token, null);
        assertThat(header.status()).as(header.toString()).isEqualTo(200);
    }

    @Test
    void aTokenInTheQueryStringIsRefusedEvenWithAValidHeader(StackDescription stack) {
        StackFixture fixture = new StackFixture(stack);
        String token = fixture.token(StackFixture.id("u"));
        Response answer = fixture.sendWithHeaders(
                "PUT",
                stack.services().command().url() + "/v1/users/me?access_token=" + token,
                Map.of("Authorization", "Bearer " + token),
                "{\"displayName\":\"Ann\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("token_in_url");
    }

    @Test
    void noRequestLogHoldsATokenFromTheQueryString(StackDescription stack) {
        StackFixture fixture = new StackFixture(stack);
        String token = fixture.token(StackFixture.id("u"));
        String agent = "access-token-it-" + UUID.randomUUID();
        for (StackDescription.Endpoint service :
                List.of(stack.services().command(), stack.services().query())) {
            // percent-encoded name too: the log must not be fooled by an encoding the server decodes
            fixture.sendWithHeaders(
                    "GET",
                    service.url() + "/v1/users/me/channels?access_token=" + token + "&%61ccess_token=" + token
                            + "&limit=5",
                    Map.of("User-Agent", agent),
                    null);
            Path log = new RunFolder(Path.of(stack.runDir())).log(service.name());
            List<String> ours = Poll.until(
                    Duration.ofSeconds(15),
                    () -> lines(log).stream().filter(l -> l.contains(agent)).toList(),
                    l -> !l.isEmpty());
            assertThat(ours.get(0)).contains("access_token=REDACTED&%61ccess_token=REDACTED&limit=5");
            assertThat(lines(log)).as("no line of " + log + " holds the token").noneMatch(l -> l.contains(token));
        }
    }

    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
