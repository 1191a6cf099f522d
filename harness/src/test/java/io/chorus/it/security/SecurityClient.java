package io.chorus.it.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.StackDescription;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A client of the services for the security ITs: ordinary requests through the harness's {@link ChorusClient}, and
 * raw ones written byte for byte on a socket, for what no HTTP client sends (a malformed percent-encoding, a broken
 * header); both answer the client's {@link Response}.
 */
final class SecurityClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final DevelopmentTokens tokens;
    private final ChorusClient client;
    private final String command;
    private final String query;

    SecurityClient(StackDescription stack) {
        this.tokens = new DevelopmentTokens(stack.auth().hmacSecret());
        this.client =
                ChorusClient.of(stack).withRateLimitWait(RateLimitWait.NONE).withTimeout(Duration.ofSeconds(30));
        this.command = stack.services().command().url();
        this.query = stack.services().query().url();
    }

    String commandUrl() {
        return command;
    }

    String token(String user) {
        return tokens.issue(user, false, Duration.ofHours(1));
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A request to {@code url} of the command or query service, through the harness's client (a 429 answered). */
    Response send(String method, String url, Map<String, String> headers, String body) {
        if (url.startsWith(command)) {
            return client.raw(
                    ChorusClient.Service.COMMAND, method, url.substring(command.length()), null, body, headers);
        }
        if (url.startsWith(query)) {
            return client.raw(ChorusClient.Service.QUERY, method, url.substring(query.length()), null, body, headers);
        }
        throw new IllegalArgumentException("not a URL of the command or query service: " + url);
    }

    Response send(String method, String url, String token, String body) {
        return send(method, url, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), body);
    }

    /**
     * Writes {@code head} (request line and headers, without the blank line that ends them) as is to the service
     * at {@code baseUrl}, asks it to close the connection, and reads the whole answer.
     */
    static Response raw(String baseUrl, String head) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parseRaw(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parseRaw(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            throw new IOException("no complete answer: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return new Response(status, headers, text, parse(text));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < chunked.length) {
            int eol = indexOf(chunked, crlf, at);
            String sizeLine = new String(chunked, at, eol - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, eol + 2, size);
            at = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** Polls until the supplier's value satisfies the condition, or fails after the deadline. */
    static <T> T eventually(Duration deadline, Supplier<T> read, Predicate<T> condition) {
        return Poll.until(deadline, read, condition);
    }
}
