package io.chorus.common.api;

import io.chorus.common.auth.BearerAuthenticator;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.auth.TokenVerifier;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The conventions every Chorus REST API follows, installed in one call from a service's {@code run()}: bearer JWT
 * from the Authorization header on every resource method that takes an {@code @Auth ChorusPrincipal}, the one JSON
 * error shape for every error, 401 included, and request bodies whose strings are well-formed Unicode.
 */
public final class ApiConventions {
    private ApiConventions() {}

    /** 401 in the one error shape, with the challenge a client expects. */
    static final class JsonUnauthorized implements UnauthorizedHandler {
        @Override
        public Response buildResponse(String prefix, String realm) {
            return Response.status(401)
                    .header("WWW-Authenticate", "Bearer")
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of("unauthorized", "a valid bearer token is required"))
                    .build();
        }
    }

    /**
     * Call first in {@code run()}, before resources are registered: the server's conventions, bodies whose strings
     * are all Unicode, and bearer tokens from the Authorization header only.
     */
    public static void install(AbstractServerFactory server, Environment env, TokenVerifier verifier) {
        ServerConventions.install(server, env);
        env.getObjectMapper().registerModule(new WellFormedStrings());
        env.jersey()
                .register(new AuthDynamicFeature(new HeaderOnlyBearerFilter.Builder()
                        .setAuthenticator(new BearerAuthenticator(verifier))
                        .setPrefix("Bearer")
                        .setUnauthorizedHandler(new JsonUnauthorized())
                        .buildAuthFilter()));
        env.jersey().register(new AuthValueFactoryProvider.Binder<>(ChorusPrincipal.class));
        env.jersey().register(new BotScopes());
    }
}
