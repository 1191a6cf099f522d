package io.chorus.harness.stack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chorus.harness.stack.PortAllocator;
import io.chorus.harness.stack.PortPlan;
import io.chorus.harness.stack.ServiceProcess;
import io.chorus.harness.stack.StackShape;
import io.chorus.harness.stack.Topology;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static final StackShape SCALED =
            new StackShape(3, 1, 3, 3, null, StackShape.DIRECT).withInstances(2, 2, 2, 2, 2);
    private final List<ServiceProcess> services = Topology.services(SCALED);
    private final PortPlan plan =
            PortPlan.allocate(SCALED, services, new PortAllocator(p -> true, Set.of(), new Random(3)));
    private final GatewayConfig.Edge edge = new GatewayConfig.Edge(
            plan.gateway().http(),
            plan.gateway().https(),
            Path.of("gateway.pem"),
            SECRET,
            new GatewayConfig.Limits(300, 5_000, Duration.ofSeconds(10), 65_536));
    private final String cfg = GatewayConfig.render(edge, services, plan);

    @Test
    void everyInstanceOfEachRoutedServiceIsAServerCheckedOnItsAdminPortOftenEnoughToLeaveWithinTwoSeconds() {
        for (String name : List.of(
                "command", "command-2", "query", "query-2", "notification-1", "notification-2", "notification-3")) {
            PortPlan.ServicePorts ports = plan.services().get(name);
            assertThat(cfg)
                    .contains("server " + name + " 127.0.0.1:" + ports.application() + " check port " + ports.admin()
                            + " inter 500ms fall 2 rise 2");
        }
        assertThat(backend("command")).contains("server command ", "server command-2 ");
        assertThat(backend("command")).doesNotContain("server query");
        assertThat(cfg).doesNotContain("server fanout-1", "server message-writer", "server meta-writer-2");
        assertThat(backend("query")).contains("server query ", "server query-2 ");
        assertThat(backend("notification"))
                .contains("server notification-1 ", "server notification-2 ", "server notification-3 ");
        assertThat(backend("notification")).contains("balance leastconn");
        assertThat(cfg).contains("option httpchk GET /ping");
        // a refused connection (a killed instance still in the rotation) is placed on another instance
        assertThat(cfg).contains("retry-on conn-failure", "option redispatch 1");
    }

    @Test
    void aStackCanRaiseItsRateBoundsForALoadRunAndKeepsTheDefaultsElse() {
        GatewayConfig.Limits load = GatewayConfig.Limits.DEFAULT.withRates(null, 500_000);

        assertThat(load.requestsPerAddress()).isEqualTo(500_000);
        assertThat(load.requestsPerUser()).isEqualTo(GatewayConfig.Limits.DEFAULT.requestsPerUser());
        assertThat(GatewayConfig.Limits.DEFAULT.withRates(null, null)).isEqualTo(GatewayConfig.Limits.DEFAULT);
        String raised = GatewayConfig.render(
                new GatewayConfig.Edge(edge.httpPort(), edge.httpsPort(), edge.certificate(), SECRET, load),
                services,
                plan);
        assertThat(raised).contains("sc_http_req_rate(0) gt 500000").contains("sc_http_req_rate(1) gt 1000");
    }

    @Test
    void writesGoToCommandReadsToQueryAndTheWebSocketToNotificationWithEachOpenApiDocumentReachable() {
        assertThat(cfg)
                .contains("acl write method POST PATCH PUT DELETE")
                .contains("use_backend notification if ws")
                .contains("use_backend command if api write")
                .contains("use_backend query if api")
                .contains("use_backend command if openapi_command")
                .contains("use_backend query if openapi_query");
        // the WebSocket rule comes first: an upgrade is a GET, which would otherwise go to the query instances
        assertThat(cfg.indexOf("use_backend notification if ws")).isLessThan(cfg.indexOf("use_backend query if api"));
        assertThat(backend("command")).contains("set-path /openapi.json if { path /openapi/command.json }");
        assertThat(backend("query")).contains("set-path /openapi.json if { path /openapi/query.json }");
    }

    @Test
    void tokensAreVerifiedAsHs256WithTheStacksSecretAndAWebSocketWithoutOneWaitsForItsAuthFrame() {
        assertThat(cfg)
                .contains("jwt_verify(\"HS256\",\"" + SECRET + "\")")
                .contains("jwt_header_query('$.alg') -m str HS256")
                .contains("jwt_payload_query('$.exp','int'),add(30)");
        assertThat(line("if api !ws !token_valid")).contains("return status 401", "\"code\":\"unauthorized\"");
        // a socket is refused only for a bad token it carries; without one, the notification service takes the frame
        assertThat(line("if ws token_found !token_valid")).contains("return status 401");
    }

    @Test
    void botTokensAndHookPostsPassTheEdgeAndIntegrationReadsGoToCommand() {
        assertThat(cfg)
                .contains("acl hook path_beg /v1/hooks/")
                .contains("acl bot_token var(txn.token) -m beg cbt_")
                .contains("use_backend command if api command_reads");
        assertThat(line("if api !ws !token_valid")).contains("!hook !bot_token");
        assertThat(line("if ws token_found !token_valid")).contains("!bot_token");
        assertThat(cfg.indexOf("use_backend command if api command_reads"))
                .isLessThan(cfg.indexOf("use_backend query if api"));
    }

    @Test
    void ratesAreLimitedPerVerifiedUserAndPerAddressWithRetryAfterAndBodiesByTheirDeclaredLength() {
        assertThat(cfg)
                .contains("set-var(txn.user) var(txn.token),jwt_payload_query('$.sub') if token_valid")
                .contains("track-sc1 var(txn.user) table user_rates")
                .contains("track-sc0 src table address_rates")
                .contains("store http_req_rate(10s)");
        assertThat(line("sc_http_req_rate(1) gt 300")).contains("return status 429", "hdr Retry-After 10");
        assertThat(line("sc_http_req_rate(0) gt 5000")).contains("return status 429", "hdr Retry-After 10");
        assertThat(line("req.hdr_val(content-length) gt 65536"))
                .contains("return status 413", "\"code\":\"body_too_large\"", "!import");
    }

    @Test
    void everyRequestCarriesAGeneratedRequestIdAndTheLogNeverHoldsAQueryString() {
        assertThat(cfg)
                .contains("unique-id-format %[uuid()]")
                .contains("http-request set-header X-Request-Id %[unique-id]")
                .contains("http-after-response set-header X-Request-Id %[unique-id]");
        // a WebSocket's ?token= must not reach the gateway's log (docs/protocol.md)
        assertThat(line("log-format")).contains("%HPO").doesNotContain("%r", "%HU", "%HQ");
    }

    @Test
    void theGatewaysOwnErrorsAreJsonInTheServicesShape() {
        for (int status : List.of(400, 408, 502, 503, 504)) {
            assertThat(line("http-error status " + status)).contains("content-type application/json", "{\"error\":{");
        }
        assertThat(line("http-error status 500")).contains("\"message\":\"internal error\"");
        assertThat(cfg).contains("bind 127.0.0.1:" + edge.httpsPort() + " ssl crt gateway.pem alpn h2,http/1.1");
    }

    /** HAProxy itself accepts the file, when it is installed (CI installs it). */
    @Test
    void haproxyAcceptsTheConfiguration(@TempDir Path dir) throws Exception {
        Path haproxy = onPath("haproxy");
        Path openssl = onPath("openssl");
        assumeTrue(haproxy != null && openssl != null, "haproxy and openssl are not on PATH");
        Path key = dir.resolve("key.pem");
        Path certificate = dir.resolve("cert.pem");
        run(List.of(
                openssl.toString(),
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                certificate.toString(),
                "-days",
                "1",
                "-subj",
                "/CN=localhost"));
        Path pem = dir.resolve("gateway.pem");
        Files.writeString(pem, Files.readString(certificate) + Files.readString(key));
        GatewayConfig.Edge withPem =
                new GatewayConfig.Edge(edge.httpPort(), edge.httpsPort(), pem, SECRET, GatewayConfig.Limits.DEFAULT);
        Path file = dir.resolve("gateway.cfg");
        Files.writeString(file, GatewayConfig.render(withPem, services, plan));

        String output = run(List.of(haproxy.toString(), "-c", "-f", file.toString()));

        assertThat(output).contains("Configuration file is valid");
    }

    private String backend(String name) {
        int start = cfg.indexOf("\nbackend " + name + "\n");
        assertThat(start).as("backend " + name).isNotNegative();
        int end = cfg.indexOf("\nbackend ", start + 1);
        return end < 0 ? cfg.substring(start) : cfg.substring(start, end);
    }

    private String line(String containing) {
        return cfg.lines()
                .filter(l -> l.contains(containing))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + containing + " in\n" + cfg));
    }

    private static Path onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("timed out: " + command);
        }
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
        return output;
    }
}
