package io.chorus.common.api;

import io.chorus.common.auth.BearerAuthenticator;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.auth.JwtVerifier;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The conventions every Chorus REST API follows, installed in one call from a service's {@code run()}: bearer JWT
 * on every resource method that takes an {@code @Auth ChorusPrincipal}, and the one JSON error shape for every
 * error, 401 included.
 */
public final class ApiConventions {
    private ApiConventions() {
    }

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

    /** Call before {@code run()} registers resources: replaces Dropwizard's default exception mappers. */
    public static void install(AbstractServerFactory server, Environment env, JwtVerifier verifier) {
        server.setRegisterDefaultExceptionMappers(false);
        env.jersey().register(new ErrorMappers.ForApiException());
        env.jersey().register(new ErrorMappers.ForBadJson());
        env.jersey().register(new ErrorMappers.ForViolations());
        env.jersey().register(new ErrorMappers.ForWebApplication());
        env.jersey().register(new ErrorMappers.ForUnexpected());
        env.jersey().register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<ChorusPrincipal>()
                .setAuthenticator(new BearerAuthenticator(verifier))
                .setPrefix("Bearer")
                .setUnauthorizedHandler(new JsonUnauthorized())
                .buildAuthFilter()));
        env.jersey().register(new AuthValueFactoryProvider.Binder<>(ChorusPrincipal.class));
    }
}
