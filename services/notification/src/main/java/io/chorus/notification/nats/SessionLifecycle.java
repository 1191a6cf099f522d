package io.chorus.notification.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.Subjects;
import io.chorus.common.routing.LocalIndex;
import io.chorus.notification.NotificationConfiguration;
import io.chorus.notification.core.ChannelDirectory;
import io.chorus.notification.core.Frames;
import io.chorus.notification.core.LiveSession;
import io.chorus.notification.core.OutboundQueue;
import io.chorus.notification.core.PlantedBug;
import io.chorus.notification.core.PresenceWatchRequest;
import io.chorus.notification.core.RecentMemberships;
import io.chorus.notification.core.ResumeToken;
import io.chorus.notification.db.ChannelMembers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session from authentication to close. Opening: load the user's channels, put the session in the index
 * (announcing only the channels new to this instance) and wait until every fan-out partition has the interest;
 * a resuming client then gets what it missed replayed from JetStream (or {@code resync_required} past the bound);
 * then live delivery starts. Live events that arrive meanwhile wait in the session, and the watermarks drop what
 * the replay already sent: no gap, no duplicate.
 */
public class SessionLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLifecycle.class);

    private static final long SLOW_SETUP_NANOS = 500_000_000L;

    private final ChannelDirectory memberships;
    private final LocalIndex<LiveSession> index;
    private final InterestAnnouncer announcer;
    private final EventReplay replay;
    private final ChangeReplay changes;
    private final InstanceHeartbeats heartbeats;
    private final io.nats.client.Connection connection;
    private final ObjectMapper json;
    private final int pendingCapacity;
    private final RecentMemberships recent;
    private final PresenceWatch presence;
    private final ChannelMembers channelMembers;
    private final NotificationConfiguration.PresenceSettings presenceSettings;
    private final boolean replaysOnResume;

    public SessionLifecycle(
            ChannelDirectory memberships,
            LocalIndex<LiveSession> index,
            InterestAnnouncer announcer,
            EventReplay replay,
            ChangeReplay changes,
            InstanceHeartbeats heartbeats,
            io.nats.client.Connection connection,
            ObjectMapper json,
            int pendingCapacity,
            RecentMemberships recent,
            PresenceWatch presence,
            ChannelMembers channelMembers,
            NotificationConfiguration.PresenceSettings presenceSettings,
            Optional<PlantedBug> plantedBug) {
        this.memberships = memberships;
        this.index = index;
        this.announcer = announcer;
        this.replay = replay;
        this.changes = changes;
        this.heartbeats = heartbeats;
        this.connection = connection;
        this.json = json;
        this.pendingCapacity = pendingCapacity;
        this.recent = recent;
        this.presence = presence;
        this.channelMembers = channelMembers;
        this.presenceSettings = presenceSettings;
        this.replaysOnResume = plantedBug.filter(PlantedBug.SKIP_RESUME::equals).isEmpty();
        if (!replaysOnResume) {
            LOG.warn("planted bug skip-resume: resuming clients get no replay of what they missed; this instance is "
                    + "for tests of harness explore only");
        }
    }

    /**
     * Opens a session for an authenticated socket. {@code ready} receives the session just before its ready frame is
     * queued: a client may send its next frame the moment it reads ready, and that frame must find the session.
     */
    public LiveSession open(OutboundQueue out, String userId, String resumeText, Consumer<LiveSession> ready)
            throws Exception {
        int partitions = announcer.partitions();
        Optional<ResumeToken> resume = Optional.ofNullable(resumeText).flatMap(t -> ResumeToken.parse(t, partitions));
        LiveSession session = new LiveSession(UUID.randomUUID().toString(), userId, out, partitions, pendingCapacity);
        resume.ifPresent(token -> session.startFrom(token.watermarks()));
        long start = System.nanoTime();
        List<String> loaded = memberships.channelsOf(userId);
        long read = System.nanoTime();
        List<List<String>> connected = new ArrayList<>(1);
        // under the announcer's lock, as the inbox applies membership changes: a change either came before this
        // (and is laid over what the store answered) or comes after (and finds the session in the index)
        long[] armedAt = announcer.changeAndArm(i -> {
            connected.add(recent.apply(userId, loaded, System.nanoTime()));
            return i.connect(session, userId, connected.get(0));
        });
        List<String> channels = connected.get(0);
        long announced = System.nanoTime();
        heartbeats.online(userId);
        if (announced - start > SLOW_SETUP_NANOS) { // where a slow connect spends its time, for operators
            LOG.info(
                    "session setup of {} with {} channels: channels read in {} ms, indexed and announced in {} ms",
                    userId,
                    channels.size(),
                    (read - start) / 1_000_000,
                    (announced - read) / 1_000_000);
        }

        // after the session is in the index: every later change reaches it live (waiting until it is armed)
        long changesAt = changes.lastSeq();
        long changesFrom = resume.map(ResumeToken::meta).orElse(ResumeToken.NO_META);
        if (changesFrom == ResumeToken.NO_META) {
            session.startChangesFrom(changesAt);
        }
        if (resume.isPresent()) {
            ready.accept(session);
            out.offer(Frames.ready(session.sessionId(), userId, channels.size(), session.token(), true));
            Set<String> mine = new HashSet<>(channels);
            EventReplay.Outcome changed = changesFrom == ResumeToken.NO_META
                    ? EventReplay.Outcome.REPLAYED
                    : changes.replay(session, mine, changesFrom, changesAt);
            EventReplay.Outcome outcome = replaysOnResume
                    ? replay.replay(session, mine, resume.get().watermarks(), armedAt)
                    : EventReplay.Outcome.REPLAYED;
            session.arm(armedAt, changesAt);
            if (outcome == EventReplay.Outcome.TOO_LARGE || changed == EventReplay.Outcome.TOO_LARGE) {
                out.offer(Frames.resyncRequired("gap_too_large", session.token()));
            }
        } else {
            session.arm(armedAt);
            ready.accept(session);
            out.offer(Frames.ready(session.sessionId(), userId, channels.size(), session.token(), false));
            if (resumeText != null && !resumeText.isEmpty()) {
                out.offer(Frames.resyncRequired("invalid_resume_token", session.token()));
            }
        }
        return session;
    }

    public void close(LiveSession session) {
        session.out().close();
        presence.closed(session);
        announcer.change(i -> i.disconnect(session));
        if (!index.isOnline(session.userId())) {
            heartbeats.offline(session.userId());
        }
    }

    /** The session's user did something: their presence is online again if it said away. */
    public void active(LiveSession session) {
        heartbeats.active(session.userId());
    }

    /**
     * A {@code watch_presence} frame: the session now watches the members of these channels (decision 0253).
     * Answers the error frame to send when it is refused, else null (the presence frames follow).
     */
    public String watchPresence(LiveSession session, List<String> channelIds) {
        try {
            Set<String> users = PresenceWatchRequest.users(
                    session.userId(),
                    channelIds,
                    presenceSettings.getMaxWatchedChannels(),
                    presenceSettings.getMaxWatchedUsers(),
                    channel -> index.receives(session, channel),
                    channelMembers::of);
            presence.watch(session, users);
            return null;
        } catch (PresenceWatchRequest.Refused refused) {
            return Frames.error(refused.code(), refused.getMessage());
        } catch (Exception e) {
            LOG.warn("presence watch of {} failed: {}", session.userId(), e.toString());
            return Frames.error("unavailable", "presence cannot be watched right now; retry");
        }
    }

    /** A typing notice from a member of the channel goes out over core NATS, never into a stream. */
    public boolean typing(LiveSession session, String channelId) {
        if (!Subjects.isToken(channelId) || !index.receives(session, channelId)) {
            return false;
        }
        try {
            byte[] notice = json.writeValueAsBytes(java.util.Map.of(
                    "userId",
                    session.userId(),
                    "channelId",
                    channelId,
                    "at",
                    Instant.now().toString()));
            connection.publish(Subjects.typing(channelId), notice);
        } catch (Exception e) {
            LOG.warn("typing notice not sent: {}", e.toString());
        }
        return true;
    }
}
