package io.chorus.common.api;

import io.chorus.common.auth.ChorusPrincipal;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Bearer authentication from the {@code Authorization} header only. Dropwizard's OAuth filter also takes the
 * token from {@code ?access_token=}, where every request log, proxy and browser history keeps it; here a request
 * naming {@code access_token} in its query is refused with 401 {@code token_in_url}, even when its header holds a
 * valid token, so a client that leaks its token finds out at once (decision 0115). The WebSocket upgrade, which
 * browsers cannot give a header, is the notification service's and does not pass here.
 */
@Priority(Priorities.AUTHENTICATION)
public final class HeaderOnlyBearerFilter extends AuthFilter<String, ChorusPrincipal> {
    public static final String URL_TOKEN_PARAMETER = "access_token";

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getUriInfo().getQueryParameters().containsKey(URL_TOKEN_PARAMETER)) {
            throw new ApiException(
                    401,
                    "token_in_url",
                    "a bearer token goes in the Authorization header, never in the URL; this one is exposed: replace it");
        }
        if (!authenticate(
                request, credentials(request.getHeaderString(HttpHeaders.AUTHORIZATION)), SecurityContext.BASIC_AUTH)) {
            throw unauthorizedHandler.buildException(prefix, realm);
        }
    }

    /** The token of an {@code Authorization: <prefix> <token>} header; null when there is none. */
    private String credentials(String header) {
        if (header == null) {
            return null;
        }
        int space = header.indexOf(' ');
        if (space <= 0 || !prefix.equalsIgnoreCase(header.substring(0, space))) {
            return null;
        }
        return header.substring(space + 1);
    }

    /** Built like Dropwizard's filters: prefix, authenticator, unauthorized handler. */
    public static final class Builder extends AuthFilterBuilder<String, ChorusPrincipal, HeaderOnlyBearerFilter> {
        @Override
        protected HeaderOnlyBearerFilter newInstance() {
            return new HeaderOnlyBearerFilter();
        }
    }
}
