package io.chorus.common.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies larger than a bound with 413, before any parsing. A declared Content-Length is checked
 * at once; a chunked body is read up to the bound + 1 byte. Paths under an exempt prefix (the bulk import, which
 * streams and counts its own bytes) pass untouched.
 */
@Priority(Priorities.ENTITY_CODER)
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
        if (exemptPathPrefix != null && (path.startsWith(exemptPathPrefix) || ("/" + path).startsWith(exemptPathPrefix))) {
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
