package io.chorus.common.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The one JSON error shape for the errors Jetty answers itself, before or beside any resource: a request it cannot
 * parse, a malformed percent-encoding, a path no servlet serves (on the admin port too). Jetty would answer those
 * with an HTML page, whatever the client accepts; these handlers answer {@link ErrorBody} as
 * {@code application/json} instead. A 5xx says only "internal error": its cause is logged by Jetty, never sent.
 *
 * <p>Two handlers because Jetty has two layers: the server's (requests that never reached a context) and each
 * servlet context's (errors inside a context, such as the admin servlets' 404).
 */
public final class JsonErrorPages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonErrorPages() {}

    /**
     * Puts the JSON handlers on the server and on every servlet context in it (application and admin) as the server
     * starts: Dropwizard builds the server, and sets its HTML handler, after {@code run()}.
     */
    public static void install(Environment env) {
        env.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(new ForServer());
                    server.getDescendants(ServletContextHandler.class)
                            .forEach(c -> c.setErrorHandler(new ForContexts()));
                }
            }
        });
    }

    /** The body for an error Jetty answers: its status's code and, below 500, Jetty's reason. */
    static byte[] body(int status, String reason) {
        String code = ErrorBody.codeFor(status);
        String message = status >= 500 ? "internal error" : reason == null || reason.isBlank() ? code : reason;
        try {
            return JSON.writeValueAsBytes(ErrorBody.of(code, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both handlers answer in JSON whatever the request accepts. */
    private static final String JSON_TYPE = MimeTypes.Type.APPLICATION_JSON.asString();

    private static final List<Charset> UTF_8 = List.of(StandardCharsets.UTF_8);

    private static void writeJson(PrintWriter writer, int code, String message) {
        writer.write(new String(body(code, message), StandardCharsets.UTF_8));
    }

    /** Requests that reached no context, and those Jetty's parser refused. */
    static final class ForServer extends ErrorHandler {
        ForServer() {
            setShowStacks(false);
            setShowCauses(false);
            setDefaultResponseMimeType(JSON_TYPE);
        }

        /** Every method gets the body: Jetty would write none for PUT, PATCH or DELETE. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected boolean generateAcceptableResponse(
                Request request,
                Response response,
                Callback callback,
                String contentType,
                List<Charset> charsets,
                int code,
                String message,
                Throwable cause)
                throws java.io.IOException {
            return super.generateAcceptableResponse(
                    request, response, callback, JSON_TYPE, UTF_8, code, message, cause);
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writeJson(writer, code, message);
        }
    }

    /** Errors inside a servlet context (Jersey's application context, Dropwizard's admin servlets). */
    static final class ForContexts extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        ForContexts() {
            setShowStacks(false);
            setShowCauses(false);
            setDefaultResponseMimeType(JSON_TYPE);
        }

        /** Every method gets the body: Jetty would write none for PUT, PATCH or DELETE. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected boolean generateAcceptableResponse(
                Request request,
                Response response,
                Callback callback,
                String contentType,
                List<Charset> charsets,
                int code,
                String message,
                Throwable cause)
                throws java.io.IOException {
            return super.generateAcceptableResponse(
                    request, response, callback, JSON_TYPE, UTF_8, code, message, cause);
        }

        @Override
        protected void writeErrorJson(Request request, PrintWriter writer, int code, String message, Throwable cause) {
            writeJson(writer, code, message);
        }
    }
}
