package io.chorus.harness.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.harness.client.ChorusClient.Service;
import io.chorus.harness.client.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link WebhookApi} without a network: each request is recorded as {@code SERVICE METHOD path bearer body} and
 * answered by {@code answers}, or 404 when it returns null.
 */
public final class FakeApi implements WebhookApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Request(Service service, String method, String path, String bearer, String body) {}

    private final Function<Request, Response> answers;
    private final List<Request> requests = new ArrayList<>();

    public FakeApi(Function<Request, Response> answers) {
        this.answers = answers;
    }

    public static Response answer(int status, String json) {
        try {
            return new Response(status, Map.of(), json, json == null ? null : JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Response send(Service service, String method, String path, String bearer, String body) {
        Request request = new Request(service, method, path, bearer, body);
        requests.add(request);
        Response r = answers.apply(request);
        return r == null ? answer(404, "{\"error\":{\"code\":\"not-found\",\"message\":\"no\"}}") : r;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }
}
