package io.chorus.common.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every exception to the one JSON error shape. Only a fault of ours is a 5xx, and its details stay in the
 * log, never in the answer.
 */
public final class ErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {}

    static Response error(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(code, message))
                .build();
    }

    public static final class ForApiException implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return e.toResponse();
        }
    }

    /** A body that is not JSON, or JSON of the wrong shape: 400. */
    public static final class ForBadJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            String detail = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
            return error(
                    400,
                    "invalid_json",
                    "request body is not valid JSON for this endpoint: "
                            + detail.lines().findFirst().orElse(detail));
        }
    }

    /** Bean-validation failures of a request: 422 with every violated field. */
    public static final class ForViolations implements ExceptionMapper<JerseyViolationException> {
        @Override
        public Response toResponse(JerseyViolationException e) {
            String message = e.getConstraintViolations().stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(ForViolations::describe)
                    .collect(Collectors.joining("; "));
            return error(422, "invalid_request", message);
        }

        private static String describe(ConstraintViolation<?> violation) {
            String path = violation.getPropertyPath().toString();
            int dot = path.lastIndexOf('.');
            return (dot >= 0 ? path.substring(dot + 1) : path) + " " + violation.getMessage();
        }
    }

    /**
     * A query, header, form, cookie or matrix parameter Jersey cannot convert to its declared type
     * ({@code ?limit=abc} for an {@code Integer}): 400 naming the parameter. JAX-RS would answer 404, as if the
     * page did not exist; the request is malformed, not aimed at nothing. A path parameter that does not convert
     * stays a 404 (that path names nothing).
     */
    public static final class ForBadParameter implements ExceptionMapper<ParamException> {
        @Override
        public Response toResponse(ParamException e) {
            if (e instanceof ParamException.PathParamException) {
                return error(404, "not_found", "no such resource");
            }
            return error(
                    400,
                    "invalid_parameter",
                    e.getParameterType().getSimpleName().replace("Param", "").toLowerCase(Locale.ROOT) + " parameter "
                            + e.getParameterName() + " is malformed");
        }
    }

    /** Jersey's own answers (404 no such path, 405, 406, 415, ...), in our shape. */
    public static final class ForWebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            if (status >= 500) {
                LOG.error("server error", e);
                return error(status, "internal", "internal error");
            }
            String code = ErrorBody.codeFor(status);
            Response.ResponseBuilder answer = Response.status(status)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of(code, e.getMessage() == null ? code : e.getMessage()));
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                    values.forEach(v -> answer.header(name, v));
                }
            });
            return answer.build();
        }
    }

    /** Anything else is our fault: 500, logged, with nothing internal in the answer. */
    public static final class ForUnexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.error("unexpected error", e);
            return error(500, "internal", "internal error");
        }
    }
}
