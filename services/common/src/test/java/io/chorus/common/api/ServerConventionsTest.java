package io.chorus.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.common.auth.JwtVerifier;
import io.dropwizard.auth.Auth;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Dropwizard server, built by Dropwizard's own server factory as a service's is, with the conventions
 * installed: every error Jetty answers itself, on either port, is the one JSON shape.
 */
class ServerConventionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final DevelopmentTokens TOKENS = new DevelopmentTokens(SECRET);
    private static Server server;
    private static int application;
    private static int admin;

    /** A resource with a body and an authenticated method. */
    @Path("/v1/things")
    public static final class Things {
        public record Thing(String name) {}

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public String create(@Auth ChorusPrincipal caller, Thing thing) {
            return "created " + thing.name().length();
        }

        @GET
        public String list(@Auth ChorusPrincipal caller, @QueryParam("limit") Integer limit) {
            return "things of " + caller.getName() + (limit == null ? "" : " up to " + limit);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Environment env = new Environment(
                "conventions-test",
                Jackson.newObjectMapper(),
                Validators.newValidatorFactory(),
                new MetricRegistry(),
                ServerConventionsTest.class.getClassLoader(),
                new HealthCheckRegistry(),
                new Configuration());
        DefaultServerFactory factory = new DefaultServerFactory();
        for (var connectors : java.util.List.of(factory.getApplicationConnectors(), factory.getAdminConnectors())) {
            HttpConnectorFactory connector = (HttpConnectorFactory) connectors.get(0);
            connector.setBindHost("127.0.0.1");
            connector.setPort(0);
        }
        ApiConventions.install(
                factory,
                env,
                JwtVerifier.hs256(
                        SECRET,
                        new JwtVerifier.Rules(
                                DevelopmentTokens.ISSUER,
                                DevelopmentTokens.AUDIENCE,
                                java.time.Duration.ofHours(24),
                                java.time.Duration.ofSeconds(30))));
        env.jersey().register(new Things());
        server = factory.build(env);
        server.start();
        ServerConnector[] connectors = Arrays.stream(server.getConnectors())
                .map(ServerConnector.class::cast)
                .toArray(ServerConnector[]::new);
        application = port(connectors, "application");
        admin = port(connectors, "admin");
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static int port(ServerConnector[] connectors, String name) {
        return Arrays.stream(connectors)
                .filter(c -> name.equals(c.getName()))
                .findFirst()
                .orElseThrow()
                .getLocalPort();
    }

    @Test
    void aMalformedPercentEncodingIsA400JsonErrorOnBothPorts() throws IOException {
        for (int port : new int[] {application, admin}) {
            Answer answer = raw(port, "GET /v1/things/%zz HTTP/1.1\r\nAccept: text/html");
            assertThat(answer.status).as(answer.toString()).isEqualTo(400);
            assertJsonError(answer, "bad_request");
        }
    }

    @Test
    void aPathNothingServesIsA404JsonErrorOnBothPorts() throws IOException {
        for (int port : new int[] {application, admin}) {
            Answer answer = raw(port, "GET /no-such-page HTTP/1.1\r\nAccept: text/html,*/*");
            assertThat(answer.status).as(answer.toString()).isEqualTo(404);
            assertJsonError(answer, "not_found");
        }
    }

    @Test
    void aHeaderJettyCannotParseIsA400JsonError() throws IOException {
        for (int port : new int[] {application, admin}) {
            Answer answer = raw(port, "GET /v1/things HTTP/1.1\r\nNo colon in this header");
            assertThat(answer.status).as(answer.toString()).isEqualTo(400);
            assertJsonError(answer, "bad_request");
        }
    }

    @Test
    void anAccessTokenInTheQueryIsRefusedEvenBesideAValidHeader() throws IOException {
        String token = TOKENS.issue("alice", false, java.time.Duration.ofMinutes(5));
        Answer header = raw(application, "GET /v1/things HTTP/1.1\r\nAuthorization: Bearer " + token);
        assertThat(header.status).as(header.toString()).isEqualTo(200);
        assertThat(header.body).isEqualTo("things of alice");

        Answer url = raw(application, "GET /v1/things?access_token=" + token + " HTTP/1.1");
        assertThat(url.status).as(url.toString()).isEqualTo(401);
        assertJsonError(url, "token_in_url");
        Answer both = raw(
                application, "GET /v1/things?%61ccess_token=" + token + " HTTP/1.1\r\nAuthorization: Bearer " + token);
        assertThat(both.status).as(both.toString()).isEqualTo(401);
        assertJsonError(both, "token_in_url");
        Answer none = raw(application, "GET /v1/things HTTP/1.1");
        assertThat(none.status).isEqualTo(401);
        assertJsonError(none, "unauthorized");
    }

    @Test
    void aLoneSurrogateInABodyIsA400AndAPairIsACharacter() throws IOException {
        String token = TOKENS.issue("alice", false, java.time.Duration.ofMinutes(5));
        String post = "POST /v1/things HTTP/1.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: ";
        String lone = "{\"name\":\"a\\ud800b\"}";
        Answer refused = raw(application, post + lone.length() + "\r\n\r\n" + lone, false);
        assertThat(refused.status).as(refused.toString()).isEqualTo(400);
        assertJsonError(refused, "invalid_json");
        String pair = "{\"name\":\"a\\ud83d\\ude00b\"}";
        Answer accepted = raw(application, post + pair.length() + "\r\n\r\n" + pair, false);
        assertThat(accepted.status).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.body).isEqualTo("created 4");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NotA404() throws IOException {
        String auth = "\r\nAuthorization: Bearer " + TOKENS.issue("alice", false, java.time.Duration.ofMinutes(5));
        Answer typed = raw(application, "GET /v1/things?limit=7 HTTP/1.1" + auth);
        assertThat(typed.body).isEqualTo("things of alice up to 7");
        Answer malformed = raw(application, "GET /v1/things?limit=abc HTTP/1.1" + auth);
        assertThat(malformed.status).as(malformed.toString()).isEqualTo(400);
        assertJsonError(malformed, "invalid_parameter");
        assertThat(malformed.body).contains("query parameter limit is malformed");
    }

    /** Jetty writes no error body for methods other than GET, POST and HEAD, unless told to. */
    @Test
    void aBadUrlIsAJsonErrorWhateverTheMethod() throws IOException {
        for (String method : new String[] {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
            for (String path : new String[] {"/v1/things/%11P", "/v1/things/a%25b", "/v1/things/%zz"}) {
                Answer answer = raw(application, method + " " + path + " HTTP/1.1\r\nContent-Length: 0");
                assertThat(answer.status)
                        .as(method + " " + path + ": " + answer)
                        .isEqualTo(400);
                assertJsonError(answer, "bad_request");
            }
        }
    }

    private static void assertJsonError(Answer answer, String code) throws IOException {
        assertThat(answer.headers.toLowerCase(Locale.ROOT))
                .as(answer.toString())
                .contains("content-type: application/json");
        JsonNode json = JSON.readTree(answer.body);
        assertThat(json.path("error").path("code").asText())
                .as(answer.toString())
                .isEqualTo(code);
        assertThat(json.path("error").path("message").isTextual()).isTrue();
    }

    private record Answer(int status, String headers, String body) {}

    private static Answer raw(int port, String head) throws IOException {
        return raw(port, head, true);
    }

    /** Writes {@code request} byte for byte, closing the connection after the answer; reads the whole answer. */
    private static Answer raw(int port, String request, boolean endHead) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String closing = request.replaceFirst("\r\n", "\r\nHost: localhost\r\nConnection: close\r\n");
            if (!closing.contains("Connection: close")) {
                closing = closing + "\r\nHost: localhost\r\nConnection: close";
            }
            out.write((closing + (endHead ? "\r\n\r\n" : "")).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            String head = all.substring(0, end);
            String body = all.substring(end + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = body.substring(body.indexOf("\r\n") + 2, body.lastIndexOf("\r\n0\r\n"));
            }
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }
}
