package io.chorus.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chorus.common.auth.DevelopmentTokens;
import io.chorus.common.auth.JwtVerifier;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.DeadLetters;
import io.chorus.common.nats.PermissionsBucket;
import io.chorus.harness.Poll;
import io.chorus.harness.client.ChorusClient;
import io.chorus.harness.client.RateLimitWait;
import io.chorus.harness.client.Response;
import io.chorus.harness.stack.StackDescription;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the ITs need of one local stack beyond the public API: tokens signed with the stack's secret (with any
 * claims a test gives them), requests in the shape a test writes them (any request, well-formed or not, through the
 * harness's {@link ChorusClient}, a 429 answered and never waited out; or bytes no HTTP client sends), waits for the
 * meta writer to have applied a change, and direct access to NATS (the {@code permissions} KV, the META stream, the
 * dead letters). One NATS connection serves every fixture of a test run (the stack is shared too): opened on first
 * use, closed by the JVM's exit.
 */
public final class StackFixture {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** How long a wait for the meta writer may take before the test fails. */
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);

    private static Connection sharedNats;
    private static List<String> sharedNatsUrls;

    private final StackDescription stack;
    private final ChorusClient client;
    private final MACSigner signer;

    public StackFixture(StackDescription stack) {
        this.stack = stack;
        this.client = ChorusClient.of(stack).withRateLimitWait(RateLimitWait.NONE);
        try {
            this.signer = new MACSigner(stack.auth().hmacSecret().getBytes(StandardCharsets.UTF_8));
        } catch (KeyLengthException e) {
            throw new IllegalStateException("the stack's HMAC secret is too short to sign tokens", e);
        }
    }

    public StackDescription stack() {
        return stack;
    }

    /** The harness's client of the stack; a 429 is answered, never waited out, so a test of the limit sees it. */
    public ChorusClient client() {
        return client;
    }

    public String commandUrl() {
        return stack.services().command().url();
    }

    public String queryUrl() {
        return stack.services().query().url();
    }

    /** A fresh id, unique per test run, so tests never see each other's data. */
    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    // ---- tokens ----

    /** A token as the local stack's own tokens are: its issuer and audience, an hour's lifetime, not an admin. */
    public String token(String user) {
        return token(user, claims -> {});
    }

    public String adminToken(String user) {
        return token(user, claims -> claims.claim(JwtVerifier.ADMIN_CLAIM, true));
    }

    /** A token whose claims start as {@link #token(String)}'s and are then changed by {@code change}. */
    public String token(String user, Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(DevelopmentTokens.ISSUER)
                .audience(DevelopmentTokens.AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim(JwtVerifier.ADMIN_CLAIM, false);
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    // ---- requests ----

    /** A request to {@code url} of the command service ({@link #commandUrl}) or the query service ({@link #queryUrl}). */
    public Response send(String method, String url, String token, String body) {
        return send(method, url, token, body, null, null);
    }

    /** As {@link #send(String, String, String, String)}, with another content type and an idempotency key (null: none). */
    public Response send(
            String method, String url, String token, String body, String contentType, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return sendWithHeaders(method, url, headers, body);
    }

    /** A request to {@code url} with exactly these headers (the bearer among them, if any). */
    public Response sendWithHeaders(String method, String url, Map<String, String> headers, String body) {
        if (url.startsWith(commandUrl())) {
            return client.raw(
                    ChorusClient.Service.COMMAND,
                    method,
                    url.substring(commandUrl().length()),
                    null,
                    body,
                    headers);
        }
        if (url.startsWith(queryUrl())) {
            return client.raw(
                    ChorusClient.Service.QUERY, method, url.substring(queryUrl().length()), null, body, headers);
        }
        throw new IllegalArgumentException("not a URL of the command or query service: " + url);
    }

    /** A command. */
    public Response post(String path, String token, String body) {
        return send("POST", commandUrl() + path, token, body);
    }

    /** A read of the query service. */
    public Response get(String path, String token) {
        return send("GET", queryUrl() + path, token, null);
    }

    public Response createChannel(String owner, String channelId, String kind, String... members) {
        String list = members.length == 0 ? "[]" : "[\"" + String.join("\",\"", members) + "\"]";
        return post(
                "/v1/channels",
                token(owner),
                "{\"channelId\":\"" + channelId + "\",\"name\":\"" + channelId + "\",\"kind\":\"" + kind
                        + "\",\"members\":" + list + "}");
    }

    public Response sendMessage(String user, String channelId, String clientMsgId, String text) {
        return post(
                "/v1/channels/" + channelId + "/messages",
                token(user),
                "{\"clientMsgId\":\"" + clientMsgId + "\",\"text\":\"" + text + "\"}");
    }

    /**
     * Writes {@code head} (request line and headers, without the blank line that ends them) as is to the service
     * at {@code baseUrl}, asks it to close the connection, and reads the whole answer: for what no HTTP client
     * sends (a malformed percent-encoding, a broken header).
     */
    public static Response rawHttp(String baseUrl, String head) {
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

    // ---- what the meta writer has applied ----

    /**
     * Waits until the query side lists the channel with {@code memberCount} members AND the command side can see
     * it: the meta writer writes MongoDB first and the {@code permissions} KV after, so a command sent as soon as
     * the query side answers could still find no channel. Answers the channel as {@code asUser} (an admin) reads it.
     */
    public JsonNode awaitChannel(String channelId, String asUser, long memberCount) {
        JsonNode channel = Poll.until(
                        APPLIED_WITHIN,
                        () -> get("/v1/channels/" + channelId, adminToken(asUser)),
                        a -> a.status() == 200 && a.json().path("memberCount").asLong() == memberCount)
                .json();
        Poll.until(APPLIED_WITHIN, () -> kvKind(channelId), kind -> kind != null);
        return channel;
    }

    /** {@link #awaitChannel(String, String, long)} read by an admin of no channel. */
    public JsonNode awaitChannel(String channelId, long memberCount) {
        return awaitChannel(channelId, "root", memberCount);
    }

    /** userId -> role, as the Query API lists the channel's members. */
    public Map<String, String> roles(String channelId) {
        Map<String, String> roles = new HashMap<>();
        get("/v1/channels/" + channelId + "/members?limit=100", adminToken("root"))
                .json()
                .path("items")
                .forEach(
                        m -> roles.put(m.path("userId").asText(), m.path("role").asText()));
        return roles;
    }

    /** The channel's topic as the Query API shows it (null while the channel is not there). */
    public String topic(String channelId) {
        Response answer = get("/v1/channels/" + channelId, adminToken("root"));
        return answer.status() == 200 ? answer.json().path("topic").asText(null) : null;
    }

    /**
     * Sets the channel's topic to a fresh marker as {@code owner} and waits until the Query API shows it: every META
     * event published before it on the channel's subject has then been through the meta writer.
     */
    public void awaitWriterPast(String channelId, String owner) {
        String marker = id("topic");
        Response set = send(
                "PATCH", commandUrl() + "/v1/channels/" + channelId, token(owner), "{\"topic\":\"" + marker + "\"}");
        if (set.status() != 202) {
            throw new AssertionError("could not set the marker topic: " + set);
        }
        Poll.until(APPLIED_WITHIN, () -> topic(channelId), marker::equals);
    }

    // ---- NATS ----

    /** The stack's NATS, shared by every fixture of the run. */
    public Connection nats() {
        List<String> urls = stack.nats().urls();
        synchronized (StackFixture.class) {
            if (sharedNats == null
                    || !urls.equals(sharedNatsUrls)
                    || sharedNats.getStatus() == Connection.Status.CLOSED) {
                try {
                    sharedNats = Nats.connect(new Options.Builder()
                            .servers(urls.toArray(String[]::new))
                            .build());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot reach NATS at " + urls, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                sharedNatsUrls = urls;
            }
            return sharedNats;
        }
    }

    /** The role the permissions KV holds for a membership, null when none. */
    public String kvRole(String channelId, String userId) {
        return kvValue(PermissionsBucket.membershipKey(channelId, userId));
    }

    /** The kind the permissions KV holds for a channel, null when none. */
    public String kvKind(String channelId) {
        return kvValue(PermissionsBucket.channelKey(channelId));
    }

    private String kvValue(String key) {
        try {
            var entry = nats().keyValue(PermissionsBucket.NAME).get(key);
            return entry == null ? null : entry.getValueAsString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + key + " from the permissions KV: " + e.getMessage(), e);
        }
    }

    /** Publishes an event on the channel's META subject directly, as if a command had; answers its sequence. */
    public long publishMeta(String type, String channelId, String actor, ObjectNode payload) throws Exception {
        ObjectNode envelope = JSON.createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("type", type)
                .put("channelId", channelId)
                .put("actorId", actor)
                .put("occurredAt", Instant.now().toString());
        envelope.set("payload", payload);
        return nats().jetStream()
                .publish(Subjects.channelMeta(channelId), envelope.toString().getBytes(StandardCharsets.UTF_8))
                .getSeqno();
    }

    /** The dead letter of META's message at {@code seq}, or null when there is none (yet). */
    public MessageInfo deadLetterOf(long seq) {
        try {
            var jsm = nats().jetStreamManagement();
            var state = jsm.getStreamInfo(Subjects.DEAD_LETTER_STREAM).getStreamState();
            for (long s = state.getLastSequence(); s >= state.getFirstSequence() && s > 0; s--) {
                MessageInfo info = jsm.getMessage(Subjects.DEAD_LETTER_STREAM, s);
                if (info.getHeaders() != null
                        && Long.toString(seq).equals(info.getHeaders().getFirst(DeadLetters.SEQUENCE_HEADER))
                        && Subjects.META_STREAM.equals(info.getHeaders().getFirst(DeadLetters.STREAM_HEADER))) {
                    return info;
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    // ---- raw answers ----

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
        byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return new Response(status, headers, text, parseJson(text));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < chunked.length) {
            int eol = indexOf(chunked, crlf, at);
            String sizeLine = new String(chunked, at, eol - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";", -1)[0].trim(), 16);
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
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode parseJson(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}
