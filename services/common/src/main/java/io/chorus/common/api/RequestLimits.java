package io.chorus.common.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies larger than a bound with 413, before any parsing. A declared Content-Length is checked
 * at once; a chunked body is read up to the bound + 1 byte. Paths under an exempt prefix (the bulk import, which
 * streams and counts its own bytes) pass untouched.
 *
 * <p>It runs before resource matching and authentication, so a body within the bound is read whatever the answer
 * (401, 404, 405, 429...). Jetty 12 closes a connection whose request body was left unread, without announcing it
 * ("Connection: close"), when the body had not all arrived by the time the answer was done; a client that pooled the
 * connection (the JDK's does) sends its next request into the closed socket and gets no answer at all. A CI run saw
 * exactly that after two 401s with bodies ({@code ChannelCommandsIT}, "header parser received no bytes"). Probed
 * on a running stack with a raw socket: a POST answered 404 by the query service (which reads no body) lost its
 * connection 30 times in 30 when its body came 20 ms after its headers, and 4 in 90 when it came with them; the
 * command service with this filter kept it 180 times in 180.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class RequestLimits implements ContainerRequestFilter {
    private final long maxBodyBytes;
    private final String exemptPathPrefix;

    public RequestLimits(long maxBodyBytes, String exemptPathPrefix) {
        this.maxBodyBytes = maxBodyBytes;
        this.exemptPathPrefix = exemptPathPrefix;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (exemptPathPrefix != null
                && (path.startsWith(exemptPathPrefix) || ("/" + path).startsWith(exemptPathPrefix))) {
            return;
        }
        if (request.getLength() > maxBodyBytes) {
            throw tooLarge();
        }
        InputStream body = request.getEntityStream();
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        if (bytes.length > maxBodyBytes) {
            throw tooLarge();
        }
        request.setEntityStream(new ByteArrayInputStream(bytes));
    }

    private ApiException tooLarge() {
        return new ApiException(413, "body_too_large", "request body exceeds " + maxBodyBytes + " bytes");
    }
}
