package io.chorus.common.api;

import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** Every error a Chorus API answers: {@code {"error": {"code": "...", "message": "..."}}}. */
public record ErrorBody(Detail error) {
    public record Detail(String code, String message) {}

    public static ErrorBody of(String code, String message) {
        return new ErrorBody(new Detail(code, message));
    }

    /** The code of an error that has nothing better than its status: its reason in snake case, {@code not_found}. */
    public static String codeFor(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "error" : known.name().toLowerCase(Locale.ROOT);
    }
}
