package io.chorus.common.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.request.logging.RequestLogFactory;
import java.util.Set;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * A request log that never sees secrets carried in the query string: the WebSocket endpoint takes its JWT as
 * {@code ?token=} (browsers cannot set headers on a WebSocket), and the request line is what access logs record.
 * The value of each named parameter is replaced by {@value #MASK} before the configured request log (whatever its
 * format or appenders) reads the request. Installed in code, not in the config file, so no deployment's logging
 * configuration can bring the token back. An incoming webhook's secret is a path segment
 * ({@code /v1/hooks/<hookId>/<secret>}, decision 0216): it is masked too.
 */
public final class RedactedRequestLog implements RequestLog {
    public static final String MASK = "REDACTED";
    /** Incoming webhooks' paths: the segment after the hook's id is its secret. */
    static final String HOOKS_PREFIX = "/v1/hooks/";

    private final RequestLog delegate;
    private final Set<String> secretParameters;

    RedactedRequestLog(RequestLog delegate, Set<String> secretParameters) {
        this.delegate = delegate;
        this.secretParameters = Set.copyOf(secretParameters);
    }

    /** Wraps the server's configured request log; call from {@code run()}, before the server is built. */
    public static void install(AbstractServerFactory server, Set<String> secretParameters) {
        server.setRequestLogFactory(new Factory(server.getRequestLogFactory(), secretParameters));
    }

    @Override
    public void log(Request request, Response response) {
        String query = request.getHttpURI().getQuery();
        String redacted = redactQuery(query, secretParameters);
        String path = request.getHttpURI().getPath();
        String redactedPath = redactPath(path);
        boolean queryClean = redacted == null || redacted.equals(query);
        if (queryClean && java.util.Objects.equals(path, redactedPath)) {
            delegate.log(request, response);
            return;
        }
        HttpURI uri = HttpURI.build(request.getHttpURI())
                .query(redacted)
                .path(redactedPath)
                .asImmutable();
        delegate.log(
                new Request.Wrapper(request) {
                    @Override
                    public HttpURI getHttpURI() {
                        return uri;
                    }
                },
                response);
    }

    /** The query string with the value of every named parameter masked; null stays null. */
    static String redactQuery(String query, Set<String> names) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        StringBuilder out = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            out.append(names.contains(decodedName(name)) && eq >= 0 ? name + "=" + MASK : pair);
        }
        return out.toString();
    }

    /** The path with an incoming webhook's secret masked: {@code /v1/hooks/<hookId>/REDACTED}; others unchanged. */
    static String redactPath(String path) {
        if (path == null || !path.startsWith(HOOKS_PREFIX)) {
            return path;
        }
        int idEnd = path.indexOf('/', HOOKS_PREFIX.length());
        return idEnd < 0 ? path : path.substring(0, idEnd + 1) + MASK;
    }

    /** Parameter names may be percent-encoded ({@code %74oken}): compare them decoded, so none slips through. */
    private static String decodedName(String name) {
        try {
            return java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    /** Builds the configured request log, then wraps it. */
    static final class Factory implements RequestLogFactory<RequestLog> {
        private final RequestLogFactory<?> configured;
        private final Set<String> secretParameters;

        Factory(RequestLogFactory<?> configured, Set<String> secretParameters) {
            this.configured = configured;
            this.secretParameters = secretParameters;
        }

        @Override
        @JsonIgnore
        public boolean isEnabled() {
            return configured.isEnabled();
        }

        @Override
        public RequestLog build(String name) {
            return new RedactedRequestLog(configured.build(name), secretParameters);
        }
    }
}
