package io.chorus.common.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the service's OpenAPI 3 document at {@code /openapi.json}: {@code docs/openapi/<service>.json}, which the
 * build copies onto the class path as {@code /openapi/<service>.json}. Unauthenticated: the API's shape is not a
 * secret.
 */
@Path("/openapi.json")
public final class OpenApiResource {
    private final byte[] document;

    /** @param service the document's name, e.g. {@code command} for {@code /openapi/command.json} */
    public OpenApiResource(String service) {
        String location = classpathLocation(service);
        try (InputStream in = OpenApiResource.class.getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException(location + " is not on the class path");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String classpathLocation(String service) {
        return "/openapi/" + service + ".json";
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] document() {
        return document;
    }
}
