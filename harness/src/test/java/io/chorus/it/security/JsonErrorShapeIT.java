package io.chorus.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.client.Response;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.it.StackFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests that Jetty refuses before any resource sees them, and paths no resource serves, on every port of every
 * service (application and admin): each answer is the one JSON error shape, never Jetty's HTML page.
 */
@ExtendWith(LocalStackExtension.class)
class JsonErrorShapeIT {
    @Test
    void aMalformedPercentEncodingInThePathIsA400JsonErrorOnEveryPort(StackDescription stack) {
        for (String base : everyPort(stack)) {
            Response answer = StackFixture.rawHttp(base, "GET /v1/channels/%zz/messages HTTP/1.1");
            assertThat(answer.status()).as(base + ": " + answer).isEqualTo(400);
            assertThat(answer.isJsonError()).as(base + ": " + answer).isTrue();
        }
    }

    /** Jetty writes no error body for PUT, PATCH or DELETE unless told to; an API fuzzer found those. */
    @Test
    void aPathWithAnEncodedControlCharacterIsA400JsonErrorWhateverTheMethod(StackDescription stack) {
        String command = stack.services().command().url();
        for (String method : new String[] {"DELETE", "PATCH", "PUT", "POST", "GET"}) {
            Response answer = StackFixture.rawHttp(
                    command, method + " /v1/channels/h/messages/%11P HTTP/1.1\r\nContent-Length: 0");
            assertThat(answer.status()).as(method + ": " + answer).isEqualTo(400);
            assertThat(answer.isJsonError()).as(method + ": " + answer).isTrue();
        }
    }

    @Test
    void aPathNoResourceServesIsA404JsonErrorOnEveryPort(StackDescription stack) {
        for (String base : everyPort(stack)) {
            Response answer = StackFixture.rawHttp(base, "GET /no-such-page HTTP/1.1\r\nAccept: text/html");
            assertThat(answer.status()).as(base + ": " + answer).isEqualTo(404);
            assertThat(answer.isJsonError()).as(base + ": " + answer).isTrue();
        }
    }

    @Test
    void aRequestJettyCannotParseIsA400JsonError(StackDescription stack) {
        for (String base : List.of(
                stack.services().command().url(), stack.services().query().admin())) {
            Response answer = StackFixture.rawHttp(base, "GET /openapi.json HTTP/1.1\r\nNo colon in this header");
            assertThat(answer.status()).as(base + ": " + answer).isEqualTo(400);
            assertThat(answer.isJsonError()).as(base + ": " + answer).isTrue();
        }
    }

    @Test
    void anErrorInsideTheApiKeepsItsShape(StackDescription stack) {
        StackFixture fixture = new StackFixture(stack);
        Response unknown = fixture.send(
                "GET", stack.services().query().url() + "/v1/no-such-resource", fixture.token("alice"), null);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.isJsonError()).as(unknown.toString()).isTrue();
        Response notJson = fixture.send(
                "POST", stack.services().command().url() + "/v1/channels", fixture.token("alice"), "{not json");
        assertThat(notJson.status()).as(notJson.toString()).isEqualTo(400);
        assertThat(notJson.code()).isEqualTo("invalid_json");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NotA404(StackDescription stack) {
        StackFixture fixture = new StackFixture(stack);
        String token = fixture.token(StackFixture.id("u"));
        Response page =
                fixture.send("GET", stack.services().query().url() + "/v1/users/me/channels?limit=2", token, null);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        Response malformed =
                fixture.send("GET", stack.services().query().url() + "/v1/users/me/channels?limit=abc", token, null);
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("invalid_parameter");
    }

    /** The application and admin base URL of every service of the stack. */
    private static List<String> everyPort(StackDescription stack) {
        List<String> ports = new ArrayList<>();
        for (StackDescription.Endpoint service : stack.services().all()) {
            if (service.url() != null) {
                ports.add(service.url());
            }
            if (service.admin() != null) {
                ports.add(service.admin());
            }
        }
        assertThat(ports).hasSizeGreaterThan(4);
        return ports;
    }
}
