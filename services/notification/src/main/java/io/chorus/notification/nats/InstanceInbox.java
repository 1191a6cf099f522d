package io.chorus.notification.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.Subjects;
import io.chorus.common.routing.LocalIndex;
import io.chorus.common.routing.RoutingSubjects;
import io.chorus.notification.core.CloseCodes;
import io.chorus.notification.core.Frames;
import io.chorus.notification.core.LiveSession;
import io.chorus.notification.core.RecentMemberships;
import io.chorus.notification.core.ResumeToken;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's one NATS subscription for events: {@code instance.events.<instanceId>}. Events go to the local
 * sessions of the channel (through the index), typing notices likewise; control messages from the fan-out
 * (re-announce, membership changes of online users) are applied here. Runs on one dispatcher thread and never
 * blocks on a socket: each session has its own bounded outbound queue.
 */
public class InstanceInbox {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceInbox.class);

    private final Connection connection;
    private final String instanceId;
    private final LocalIndex<LiveSession> index;
    private final InterestAnnouncer announcer;
    private final ObjectMapper json;
    private final RecentMemberships recent;
    private Dispatcher dispatcher;

    public InstanceInbox(
            Connection connection,
            String instanceId,
            LocalIndex<LiveSession> index,
            InterestAnnouncer announcer,
            ObjectMapper json,
            RecentMemberships recent) {
        this.connection = connection;
        this.instanceId = instanceId;
        this.index = index;
        this.announcer = announcer;
        this.json = json;
        this.recent = recent;
    }

    public void start() {
        dispatcher = connection.createDispatcher(this::onMessage);
        // a burst to thousands of sockets must not make the client library drop inbox messages
        dispatcher.setPendingLimits(1_000_000, 512L * 1024 * 1024);
        dispatcher.subscribe(Subjects.instanceEvents(instanceId));
    }

    private void onMessage(Message message) {
        try {
            Headers headers = message.getHeaders();
            String kind = headers == null ? null : headers.getFirst(RoutingSubjects.KIND_HEADER);
            if (kind == null || RoutingSubjects.KIND_EVENT.equals(kind)) {
                event(headers, message.getData());
            } else if (RoutingSubjects.KIND_TYPING.equals(kind)) {
                String channel = headers.getFirst(RoutingSubjects.CHANNEL_HEADER);
                String frame = Frames.typing(channel, message.getData());
                index.sessionsFor(channel).forEach(s -> s.sendFrame(frame));
            } else if (RoutingSubjects.KIND_READ.equals(kind)) {
                read(json.readTree(message.getData()));
            } else if (RoutingSubjects.KIND_REANNOUNCE.equals(kind)) {
                announcer.reannounce(Integer.parseInt(headers.getFirst(RoutingSubjects.PARTITION_HEADER)));
                if (RoutingSubjects.REASON_READMITTED.equals(headers.getFirst(RoutingSubjects.REASON_HEADER))) {
                    resumeAll();
                }
            } else if (RoutingSubjects.KIND_MEMBERSHIP.equals(kind)) {
                String seq = headers.getFirst(RoutingSubjects.SEQ_HEADER);
                membership(
                        headers.getFirst(RoutingSubjects.CHANNEL_HEADER),
                        seq == null ? ResumeToken.NO_META : Long.parseLong(seq),
                        json.readTree(message.getData()),
                        message.getData());
            }
        } catch (Exception e) {
            LOG.warn("bad inbox message: {}", e.toString());
        }
    }

    /** A read mark: every session of its user here is told (the one that made it as well: it cannot be told apart). */
    private void read(JsonNode event) {
        String user = event.path("actorId").asText();
        String mark = event.path("payload").path("lastReadMessageId").asText();
        String channel = event.path("channelId").asText();
        if (!Subjects.isToken(user) || !Subjects.isToken(channel) || mark.isEmpty()) {
            return;
        }
        String frame = Frames.read(channel, mark);
        index.sessionsOf(user).forEach(s -> s.sendFrame(frame));
    }

    /**
     * The fan-out had dropped this instance (missed heartbeats) and took it back: events routed meanwhile never
     * came here. Every session is closed with 4009, so its client resumes with its token and the replay from
     * JetStream fills the gap (decision 0057).
     */
    private void resumeAll() {
        int sessions = 0;
        for (LiveSession session : index.allSessions()) {
            session.out()
                    .closeSession(
                            CloseCodes.RESUME_REQUIRED, "dropped by the fan-out: events may have been lost: resume");
            sessions++;
        }
        LOG.warn(
                "the fan-out had dropped instance {} and readmitted it: closed {} sessions with {} so they resume",
                instanceId,
                sessions,
                CloseCodes.RESUME_REQUIRED);
    }

    private void event(Headers headers, byte[] envelope) {
        String channel = headers.getFirst(RoutingSubjects.CHANNEL_HEADER);
        long seq = Long.parseLong(headers.getFirst(RoutingSubjects.SEQ_HEADER));
        int partition = Integer.parseInt(headers.getFirst(RoutingSubjects.PARTITION_HEADER));
        for (LiveSession session : index.sessionsFor(channel)) {
            session.deliver(partition, seq, channel, envelope);
        }
    }

    /**
     * A channel or membership change forwarded by the fan-out. The index changes under the announcer's lock, with
     * the change recorded for sessions that are connecting meanwhile ({@link RecentMemberships}); then the sessions
     * of the users concerned and of the channel's other members here are told, before any later event of the
     * channel reaches them (this thread delivers those too).
     */
    private void membership(String channel, long metaSeq, JsonNode event, byte[] envelope) {
        JsonNode payload = event.path("payload");
        switch (event.path("type").asText()) {
            case EventTypes.CHANNEL_CREATED -> {
                List<String> members = new ArrayList<>(userIds(payload.path("members")));
                members.add(event.path("actorId").asText());
                added(channel, metaSeq, members, envelope);
            }
            case EventTypes.MEMBERS_ADDED -> added(channel, metaSeq, userIds(payload.path("userIds")), envelope);
            case EventTypes.MEMBER_REMOVED ->
                removed(channel, metaSeq, payload.path("userId").asText(), envelope);
            case EventTypes.CHANNEL_UPDATED -> {
                LiveSession.ChangeFrame frame = r -> Frames.channelChange(Frames.CHANNEL_UPDATED, channel, r, envelope);
                index.sessionsFor(channel).forEach(s -> s.change(metaSeq, frame));
            }
            default -> {}
        }
    }

    private void added(String channel, long metaSeq, List<String> users, byte[] envelope) {
        Set<LiveSession> before = index.sessionsFor(channel);
        long now = System.nanoTime();
        announcer.change(i -> {
            List<String> gained = new ArrayList<>();
            for (String user : users) {
                recent.added(user, channel, now);
                gained.addAll(i.join(user, channel).gained());
            }
            return new LocalIndex.Change(gained, List.of());
        });
        LiveSession.ChangeFrame welcome = r -> Frames.channelChange(Frames.CHANNEL_ADDED, channel, r, envelope);
        Set<String> joined = new HashSet<>(users);
        for (String user : joined) {
            for (LiveSession session : index.sessionsOf(user)) {
                if (!before.contains(session)) {
                    session.change(metaSeq, welcome);
                }
            }
        }
        LiveSession.ChangeFrame change = r -> Frames.membersChanged(channel, Frames.MEMBERS_JOINED, users, r);
        for (LiveSession session : before) {
            if (!joined.contains(session.userId())) {
                session.change(metaSeq, change);
            }
        }
    }

    private void removed(String channel, long metaSeq, String user, byte[] envelope) {
        Set<LiveSession> before = index.sessionsFor(channel);
        long now = System.nanoTime();
        announcer.change(i -> {
            recent.removed(user, channel, now);
            return i.leave(user, channel);
        });
        LiveSession.ChangeFrame gone = r -> Frames.channelChange(Frames.CHANNEL_REMOVED, channel, r, envelope);
        LiveSession.ChangeFrame change = r -> Frames.membersChanged(channel, Frames.MEMBERS_LEFT, List.of(user), r);
        for (LiveSession session : before) {
            session.change(metaSeq, session.userId().equals(user) ? gone : change);
        }
    }

    private static List<String> userIds(JsonNode ids) {
        List<String> users = new ArrayList<>();
        for (JsonNode id : ids) {
            if (Subjects.isToken(id.asText())) {
                users.add(id.asText());
            }
        }
        return users;
    }
}
