package io.chorus.notification.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.mongo.ManagedMongoClient;
import io.chorus.common.nats.ManagedNatsConnection;
import io.chorus.common.routing.DeltaSequencer;
import io.chorus.common.routing.LocalIndex;
import io.chorus.notification.NotificationConfiguration;
import io.chorus.notification.core.ChannelDirectory;
import io.chorus.notification.core.CloseCodes;
import io.chorus.notification.core.LiveSession;
import io.chorus.notification.core.RecentMemberships;
import io.chorus.notification.core.UserActivity;
import io.chorus.notification.db.ChannelMembers;
import io.chorus.notification.db.MembershipLoader;
import io.dropwizard.lifecycle.Managed;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;

/**
 * The instance's start-up order: streams and buckets exist; every fan-out partition forgets what a previous
 * process of this id announced; the inbox subscription opens; heartbeats begin. Sessions open only after that.
 * When the NATS connection drops, inbox messages may have been lost meanwhile: every session is then closed with
 * {@link CloseCodes#RESUME_REQUIRED}, and its client's resume fills the gap from JetStream.
 */
public class NotificationService implements Managed {
    /** Far beyond the meta writer's usual lag behind META (decision 0250). */
    private static final java.time.Duration RECENT_CHANGES_KEPT = java.time.Duration.ofMinutes(5);

    /** At most, on a heap large enough for it (a tenth of the heap: {@link RecentMemberships#maxEntriesFor}). */
    private static final int RECENT_CHANGES_MAX = 200_000;

    private final NotificationConfiguration config;
    private final ManagedNatsConnection nats;
    private final ManagedMongoClient mongo;
    private final LocalIndex<LiveSession> index;
    private final ObjectMapper json;
    private volatile SessionLifecycle lifecycle;
    private InstanceHeartbeats heartbeats;
    private PresenceWatch presenceWatch;

    public NotificationService(
            NotificationConfiguration config,
            ManagedNatsConnection nats,
            ManagedMongoClient mongo,
            LocalIndex<LiveSession> index,
            ObjectMapper json) {
        this.config = config;
        this.nats = nats;
        this.mongo = mongo;
        this.index = index;
        this.json = json;
    }

    /** Null until started: the socket endpoint refuses sessions until then. */
    public SessionLifecycle lifecycle() {
        SessionLifecycle l = lifecycle;
        if (l == null) {
            throw new IllegalStateException("notification instance not started");
        }
        return l;
    }

    @Override
    public void start() throws Exception {
        Connection connection = nats.connection();
        ChannelDirectory memberships;
        if (config.getChannelSource() == NotificationConfiguration.ChannelSource.MONGO) {
            MembershipLoader loader = new MembershipLoader(mongo);
            loader.ensureIndex();
            memberships = loader;
        } else {
            memberships = new PermissionsChannelDirectory(
                    connection, config.getWebsocket().getChannelReadTimeout());
        }
        String instanceId = config.getInstanceId();
        InterestAnnouncer announcer = new InterestAnnouncer(
                connection,
                index,
                new DeltaSequencer(instanceId, config.getFanoutPartitions()),
                json,
                config.getWebsocket().getAnnounceTimeout());
        announcer.resetAll();
        RecentMemberships recent = new RecentMemberships(
                RECENT_CHANGES_KEPT.toNanos(),
                RecentMemberships.maxEntriesFor(Runtime.getRuntime().maxMemory(), RECENT_CHANGES_MAX));
        new InstanceInbox(connection, instanceId, index, announcer, json, recent).start();
        heartbeats = new InstanceHeartbeats(
                connection,
                instanceId,
                index,
                announcer,
                json,
                new UserActivity(config.getPresence().getAwayAfter().toJavaDuration()),
                () -> resumeAfterLapse(announcer));
        heartbeats.start();
        connection.addConnectionListener((conn, event) -> {
            if (event == ConnectionListener.Events.DISCONNECTED) {
                closeAll(CloseCodes.RESUME_REQUIRED, "events may have been lost: resume");
            }
        });
        presenceWatch = new PresenceWatch(connection);
        lifecycle = new SessionLifecycle(
                memberships,
                index,
                announcer,
                new EventReplay(
                        connection,
                        config.getWebsocket().getMaxReplayEvents(),
                        config.getWebsocket().getMaxReplayBytes()),
                new ChangeReplay(connection, config.getWebsocket().getMaxReplayEvents(), json),
                heartbeats,
                connection,
                json,
                config.getWebsocket().getOutboundFrames(),
                recent,
                presenceWatch,
                new ChannelMembers(mongo),
                config.getPresence(),
                config.plantedBug());
    }

    @Override
    public void stop() {
        closeAll(CloseCodes.GOING_AWAY, "instance shutting down");
        if (presenceWatch != null) {
            presenceWatch.stop();
        }
        if (heartbeats != null) {
            heartbeats.stop();
        }
    }

    /**
     * The heartbeat lapsed: a fan-out may have dropped this instance and routed nothing here meanwhile. Every
     * partition gets the full interest again (the routes come back at once, not only when the fan-out notices), then
     * every session is closed with 4009 so its client resumes and the replay fills the gap (decision 0070). The
     * fan-out's own readmission (decision 0057) may follow: redundant then, but the backstop when this one is late.
     */
    private void resumeAfterLapse(InterestAnnouncer announcer) {
        announcer.resetAll();
        closeAll(CloseCodes.RESUME_REQUIRED, "heartbeat lapsed: events may have been lost: resume");
    }

    private void closeAll(int code, String reason) {
        for (LiveSession session : index.allSessions()) {
            session.out().closeSession(code, reason);
        }
    }
}
