package io.chorus.common.api;

import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import java.util.Set;

/**
 * What every Chorus service's HTTP server does, REST API or not, installed in one call from its {@code run()}:
 * every error in the one JSON shape (from Jersey's exception mappers and from Jetty's own error pages, on the
 * application and the admin port), and no bearer token from a query string in the request log.
 */
public final class ServerConventions {
    /** Query parameters that carry a bearer token: the WebSocket's {@code token}, and the OAuth {@code access_token}. */
    public static final Set<String> TOKEN_PARAMETERS = Set.of("token", HeaderOnlyBearerFilter.URL_TOKEN_PARAMETER);

    private ServerConventions() {}

    /** Call first in {@code run()}, before resources are registered and before the server is built. */
    public static void install(AbstractServerFactory server, Environment env) {
        server.setRegisterDefaultExceptionMappers(false);
        env.jersey().register(new ErrorMappers.ForApiException());
        env.jersey().register(new ErrorMappers.ForBadJson());
        env.jersey().register(new ErrorMappers.ForViolations());
        env.jersey().register(new ErrorMappers.ForBadParameter());
        env.jersey().register(new ErrorMappers.ForWebApplication());
        env.jersey().register(new ErrorMappers.ForUnexpected());
        JsonErrorPages.install(env);
        RedactedRequestLog.install(server, TOKEN_PARAMETERS);
    }
}
