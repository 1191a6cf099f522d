package io.chorus.command.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.command.core.ChannelFold;
import io.chorus.command.core.EventFactory;
import io.chorus.command.core.ImportLine;
import io.chorus.command.core.MembershipBatcher;
import io.chorus.command.core.UserBatcher;
import io.chorus.command.nats.PipelinedPublisher;
import io.chorus.common.api.ApiException;
import io.chorus.common.auth.ChorusPrincipal;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.MetaPayloads;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.ManagedNatsConnection;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/admin/import}: seeds users, channels and memberships through the real event path. The body
 * (NDJSON, see {@link ImportLine}) is spooled to a temporary file while every line is checked, so a bad line
 * changes nothing; then the events are published with many PubAcks in flight, in the order of the lines: one
 * {@code users.imported} per run of up to 1,000 user lines (decision 0060), one {@code channel.created} per channel
 * carrying up to 1,000 of the {@code member} lines that directly follow its line ({@link ChannelFold}, decision 0080),
 * one {@code members.added} per run of up to 1,000 of the other memberships of the same channel and role. 202 once
 * every event is acknowledged.
 */
@Path("/v1/admin/import")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminImport {
    public static final String PATH_PREFIX = "v1/admin/import";
    private static final int MAX_LINE_CHARS = 4_096;
    /** Users and memberships per event: a worst-case event of 1,000 users stays far below NATS's 1 MB payload. */
    private static final int BATCH = 1_000;

    private final EventFactory events;
    private final ManagedNatsConnection nats;
    private final ObjectMapper json;
    private final long maxBytes;
    private final int window;
    private final Duration ackTimeout;

    public AdminImport(
            EventFactory events,
            ManagedNatsConnection nats,
            ObjectMapper json,
            long maxBytes,
            int window,
            Duration ackTimeout) {
        this.events = events;
        this.nats = nats;
        this.json = json;
        this.maxBytes = maxBytes;
        this.window = window;
        this.ackTimeout = ackTimeout;
    }

    @POST
    @Consumes({
        "application/x-ndjson",
        MediaType.TEXT_PLAIN,
        MediaType.APPLICATION_JSON,
        MediaType.APPLICATION_OCTET_STREAM
    })
    public Response importPopulation(@Auth ChorusPrincipal caller, InputStream body) throws IOException {
        if (!caller.admin()) {
            throw new ApiException(403, "forbidden", "only admins may import");
        }
        java.nio.file.Path spool = Files.createTempFile("chorus-import-", ".ndjson");
        try {
            Map<String, Long> counts = spoolAndCheck(body, spool);
            long published = publish(caller, spool);
            counts.put("events", published);
            return Response.accepted(counts).build();
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private Map<String, Long> spoolAndCheck(InputStream body, java.nio.file.Path spool) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>(Map.of("users", 0L, "channels", 0L, "memberships", 0L));
        CountingStream counted = new CountingStream(body, maxBytes);
        try (BufferedReader reader =
                        new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
                Writer out = Files.newBufferedWriter(spool, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() > MAX_LINE_CHARS) {
                    throw new ApiException(
                            422,
                            "invalid_request",
                            "line " + number + ": longer than " + MAX_LINE_CHARS + " characters");
                }
                ImportLine parsed = ImportLine.parse(json, line, number);
                counts.merge(
                        parsed instanceof ImportLine.User
                                ? "users"
                                : parsed instanceof ImportLine.Channel ? "channels" : "memberships",
                        1L,
                        Long::sum);
                out.write(line);
                out.write('\n');
            }
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            throw new ApiException(422, "invalid_request", "the import is empty");
        }
        return counts;
    }

    private long publish(ChorusPrincipal caller, java.nio.file.Path spool) throws IOException {
        PipelinedPublisher publisher = new PipelinedPublisher(nats.connection().jetStream(), json, window, ackTimeout);
        UserBatcher users = new UserBatcher(
                BATCH,
                batch -> publisher.publish(
                        Subjects.userImports(),
                        events.event(
                                EventTypes.USERS_IMPORTED,
                                null,
                                caller.userId(),
                                new MetaPayloads.UsersImported(batch.users())),
                        batch.idempotencyKey()));
        MembershipBatcher batcher = new MembershipBatcher(
                BATCH,
                batch -> publisher.publish(
                        Subjects.channelMeta(batch.channelId()),
                        events.event(
                                EventTypes.MEMBERS_ADDED,
                                batch.channelId(),
                                caller.userId(),
                                new MetaPayloads.MembersAdded(batch.userIds(), batch.role())),
                        batch.idempotencyKey()));
        ChannelFold channels = new ChannelFold(BATCH, created -> {
            ImportLine.Channel c = created.channel();
            publisher.publish(
                    Subjects.channelMeta(c.id()),
                    events.event(
                            EventTypes.CHANNEL_CREATED,
                            c.id(),
                            c.createdBy(),
                            new MetaPayloads.ChannelCreated(c.name(), c.kind(), c.topic(), created.members())),
                    created.idempotencyKey());
        });
        try (BufferedReader reader = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                ImportLine parsed = ImportLine.parse(json, line, ++number);
                // each batcher is flushed by a line of another kind, so the events keep the order of the lines;
                // while a channel's fold is open the membership batcher is empty, so closing the fold first keeps it
                if (parsed instanceof ImportLine.Membership m) {
                    users.flush();
                    if (!channels.fold(m)) {
                        batcher.add(m.channelId(), m.role(), m.userId());
                    }
                    continue;
                }
                channels.close();
                batcher.flush();
                if (parsed instanceof ImportLine.User u) {
                    users.add(u.id(), u.displayName());
                } else if (parsed instanceof ImportLine.Channel c) {
                    users.flush();
                    channels.open(c);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        users.flush();
        channels.close();
        batcher.flush();
        return publisher.finish();
    }

    /** Stops reading past {@code max} bytes with a 413. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final long max;
        private long count;

        CountingStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            count += n;
            if (count > max) {
                throw new ApiException(413, "body_too_large", "the import exceeds " + max + " bytes");
            }
        }
    }
}
