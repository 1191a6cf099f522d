package io.chorus.harness.stack.config;

import io.chorus.harness.stack.PortPlan;
import io.chorus.harness.stack.ServiceProcess;
import io.chorus.harness.stack.ServiceProcess.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The HAProxy configuration of a stack's gateway (decision 0220): the one entry point, on plain HTTP and on HTTPS
 * (HTTP/2 by ALPN), in front of every command, query and notification instance. Writes under {@code /v1/} go to
 * the command instances, reads to the query instances, {@code /v1/ws} to the notification instances (least
 * connections); {@code /openapi/<service>.json} is that service's {@code /openapi.json}. The bots' and incoming
 * webhooks' reads ({@code /v1/bots}, {@code /v1/channels/<id>/incoming-webhooks}) go to the command instances, which
 * own the {@code integrations} bucket; a bot's API token ({@code cbt_...}) and a hook post ({@code /v1/hooks/},
 * its secret in the path) pass the edge's JWT check and are checked by the services (decision 0216).
 *
 * <p>At the edge: a bearer token's algorithm, HS256 signature and {@code exp} (with the services' clock skew) are
 * checked before anything is forwarded, so a forged, unsigned or expired token never reaches a service; the
 * services still verify everything (issuer, audience, lifetime, subject). A WebSocket without a token in its URL or
 * header passes: its {@code auth} frame is checked by the notification service (docs/protocol.md). Per-user (the
 * verified {@code sub}) and per-address request rates, a declared body size, and an {@code X-Request-Id} set on
 * every request and answer. Every answer the gateway makes itself is JSON in the services' error shape.
 */
public final class GatewayConfig {
    /** The services' default {@code auth.clockSkew}: the edge is never stricter about {@code exp} than they are. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /** Where a load balancer or probe asks whether the gateway itself is up. */
    public static final String HEALTH_PATH = "/gateway/health";

    /** The bulk import streams a body far past the bound and counts its own bytes (the command service's rule). */
    static final String IMPORT_PATH = "/v1/admin/import";

    /**
     * What the edge allows.
     *
     * @param requestsPerUser    requests of one verified user within {@code window}, past which the answer is 429
     * @param requestsPerAddress requests from one client address within {@code window}: every harness client shares
     *                           one loopback address, so this bound is wide and the per-user one does the work
     * @param window             the rate window, also the answer's {@code Retry-After}
     * @param maxBodyBytes       the largest declared {@code Content-Length} (the command service's own bound)
     */
    public record Limits(int requestsPerUser, int requestsPerAddress, Duration window, long maxBodyBytes) {
        public static final Limits DEFAULT = new Limits(1_000, 20_000, Duration.ofSeconds(10), 64 * 1024);

        /** These limits with the rate bounds a stack asks for ({@code StackShape}); a null keeps this one's. */
        public Limits withRates(Integer perUser, Integer perAddress) {
            return new Limits(
                    perUser == null ? requestsPerUser : perUser,
                    perAddress == null ? requestsPerAddress : perAddress,
                    window,
                    maxBodyBytes);
        }
    }

    /**
     * One stack's gateway.
     *
     * @param httpPort    plain HTTP, for local tools
     * @param httpsPort   HTTPS with HTTP/2 and HTTP/1.1 by ALPN
     * @param certificate the PEM file holding the certificate and its private key
     * @param hmacSecret  the stack's HS256 secret, the one every service verifies tokens with
     */
    public record Edge(int httpPort, int httpsPort, Path certificate, String hmacSecret, Limits limits) {}

    private GatewayConfig() {}

    public static String render(Edge edge, List<ServiceProcess> services, PortPlan plan) {
        StringBuilder cfg = new StringBuilder();
        cfg.append(global());
        cfg.append(frontend(edge));
        cfg.append(rateTables(edge.limits()));
        cfg.append(backend("command", Role.COMMAND, services, plan, "roundrobin"));
        cfg.append(backend("query", Role.QUERY, services, plan, "roundrobin"));
        cfg.append(backend("notification", Role.NOTIFICATION, services, plan, "leastconn"));
        cfg.append("""

                backend unknown
                    http-request return status 404 content-type application/json string \
                '{"error":{"code":"not_found","message":"no route for this path"}}'
                """);
        return cfg.toString();
    }

    /**
     * Timeouts: a request's headers within 10 s, a service's answer within 30 s; a WebSocket, once upgraded, is a
     * tunnel that stays open an hour without traffic (the notification service pings its sessions far sooner).
     * {@code maxconn} stays under the file descriptors a default shell allows (two per connection). A request whose
     * connection to an instance is refused (a killed instance not yet out of the rotation) goes to another instance:
     * nothing of it reached the dead one, so even a send is safe to place again (decision 0221).
     */
    private static String global() {
        return """
                global
                    maxconn 8000
                    log stdout format raw local0 info

                defaults
                    mode http
                    log global
                    log-format "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %tsc \\"%HM %HPO %HV\\" id=%ID"
                    option dontlognull
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                    timeout http-request 10s
                    timeout http-keep-alive 30s
                    timeout tunnel 1h
                    timeout check 1s
                    retries 2
                    retry-on conn-failure
                    option redispatch 1
                """ + errorPages();
    }

    /** The answers HAProxy makes on its own (a dead backend, a malformed request) in the services' error shape. */
    private static String errorPages() {
        StringBuilder pages = new StringBuilder();
        Map.of(
                        400, "bad_request",
                        408, "request_timeout",
                        500, "internal_server_error",
                        502, "bad_gateway",
                        503, "service_unavailable",
                        504, "gateway_timeout")
                .entrySet()
                .stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> pages.append("    ")
                        .append(jsonAnswer(
                                "http-error status " + e.getKey(), e.getValue(), message(e.getKey(), e.getValue())))
                        .append('\n'));
        return pages.toString();
    }

    /** As the services word them: a 500 says only "internal error"; a 502-504 that no instance could answer. */
    private static String message(int status, String code) {
        if (status == 500) {
            return "internal error";
        }
        return status > 500 ? "the service is unavailable" : code.replace('_', ' ');
    }

    private static String frontend(Edge edge) {
        Limits limits = edge.limits();
        long retryAfter = Math.max(1, limits.window().toSeconds());
        return """

                frontend edge
                    bind 127.0.0.1:%d
                    bind 127.0.0.1:%d ssl crt %s alpn h2,http/1.1
                    monitor-uri %s
                    unique-id-format %%[uuid()]
                    http-request set-header X-Request-Id %%[unique-id]
                    http-after-response set-header X-Request-Id %%[unique-id]

                    acl api path_beg /v1/
                    acl ws path /v1/ws
                    acl write method POST PATCH PUT DELETE
                    acl import path_beg %s
                    acl openapi_command path /openapi/command.json
                    acl openapi_query path /openapi/query.json
                    acl hook path_beg /v1/hooks/
                    acl command_reads path_beg /v1/bots
                    acl command_reads path_reg ^/v1/channels/[^/]+/incoming-webhooks$

                    http-request %s if api !import { req.hdr_val(content-length) gt %d }

                    http-request set-var(txn.token) http_auth_bearer if { req.hdr(authorization) -m found }
                    http-request set-var(txn.token) url_param(token) if ws !{ var(txn.token) -m found }
                    http-request set-var(txn.now) date
                    http-request set-var(txn.deadline) var(txn.token),jwt_payload_query('$.exp','int'),add(%d) \
                if { var(txn.token) -m found }
                    acl token_found var(txn.token) -m found
                    acl token_hs256 var(txn.token),jwt_header_query('$.alg') -m str HS256
                    acl token_signed var(txn.token),jwt_verify("HS256","%s") -m int 1
                    acl token_live var(txn.deadline),sub(txn.now) -m int gt 0
                    http-request set-var(txn.token_valid) bool(1) if token_found token_hs256 token_signed token_live
                    acl token_valid var(txn.token_valid) -m bool
                    acl bot_token var(txn.token) -m beg cbt_
                    http-request %s hdr WWW-Authenticate Bearer if api !ws !token_valid !hook !bot_token
                    http-request %s if ws token_found !token_valid !bot_token

                    http-request set-var(txn.user) var(txn.token),jwt_payload_query('$.sub') if token_valid
                    http-request track-sc0 src table address_rates
                    http-request track-sc1 var(txn.user) table user_rates if { var(txn.user) -m found }
                    http-request %s hdr Retry-After %d if { sc_http_req_rate(0) gt %d }
                    http-request %s hdr Retry-After %d if { sc_http_req_rate(1) gt %d }

                    use_backend notification if ws
                    use_backend command if api write
                    use_backend command if api command_reads
                    use_backend query if api
                    use_backend command if openapi_command
                    use_backend query if openapi_query
                    default_backend unknown
                """.formatted(
                edge.httpPort(),
                edge.httpsPort(),
                edge.certificate(),
                HEALTH_PATH,
                IMPORT_PATH,
                jsonAnswer(
                        "return status 413",
                        "body_too_large",
                        "request body exceeds " + limits.maxBodyBytes() + " bytes"),
                limits.maxBodyBytes(),
                CLOCK_SKEW.toSeconds(),
                edge.hmacSecret(),
                jsonAnswer("return status 401", "unauthorized", "a valid bearer token is required"),
                jsonAnswer("return status 401", "unauthorized", "a valid bearer token is required"),
                jsonAnswer("return status 429", "rate_limited", "too many requests from this address: slow down"),
                retryAfter,
                limits.requestsPerAddress(),
                jsonAnswer("return status 429", "rate_limited", "too many requests: slow down"),
                retryAfter,
                limits.requestsPerUser());
    }

    private static String rateTables(Limits limits) {
        long window = limits.window().toSeconds();
        return """

                backend address_rates
                    stick-table type ip size 100k expire %ds store http_req_rate(%ds)

                backend user_rates
                    stick-table type string len 64 size 100k expire %ds store http_req_rate(%ds)
                """.formatted(2 * window, window, 2 * window, window);
    }

    /**
     * The instances of one service. Each is checked on its admin port's {@code /ping} every 500 ms and leaves after
     * two failures (within 2 s of dying): liveness, not {@code /healthcheck}, whose checks of shared engines would
     * take every instance out at once when one engine is away (decision 0220).
     */
    private static String backend(
            String name, Role role, List<ServiceProcess> services, PortPlan plan, String balance) {
        StringBuilder backend = new StringBuilder();
        backend.append("\nbackend ").append(name).append('\n');
        backend.append("    balance ").append(balance).append('\n');
        backend.append("    option httpchk GET /ping\n");
        backend.append("    http-request set-path /openapi.json if { path /openapi/")
                .append(name)
                .append(".json }\n");
        for (ServiceProcess service : services) {
            if (service.role() != role) {
                continue;
            }
            PortPlan.ServicePorts ports = plan.services().get(service.name());
            backend.append("    server ")
                    .append(service.name())
                    .append(" 127.0.0.1:")
                    .append(ports.application())
                    .append(" check port ")
                    .append(ports.admin())
                    .append(" inter 500ms fall 2 rise 2\n");
        }
        return backend.toString();
    }

    /** An HAProxy answer with a JSON error body: {@code {"error":{"code":..,"message":..}}}. */
    private static String jsonAnswer(String directive, String code, String message) {
        return directive + " content-type application/json string '{\"error\":{\"code\":\"" + code + "\",\"message\":\""
                + message + "\"}}'";
    }
}
