package io.chorus.notification.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.JetStreamLayout;
import io.chorus.common.routing.InstanceHeartbeat;
import io.chorus.common.routing.LocalIndex;
import io.chorus.notification.core.HeartbeatLapse;
import io.chorus.notification.core.LiveSession;
import io.chorus.notification.core.PresenceRota;
import io.chorus.notification.core.UserActivity;
import io.nats.client.Connection;
import io.nats.client.KeyValue;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's heartbeat in the {@code instances} KV (with the last delta sequence numbers, see
 * {@link InstanceHeartbeat}) and its users' presence in the {@code presence} KV (user to a
 * {@link io.chorus.common.presence.PresenceEntry}: instance, away, last activity), both kept alive well within their
 * buckets' TTLs. A user's entry is also written at once when they go away or come back (decision 0253). When two successful beats are further apart than the TTL (the process was
 * paused or starved, or its writes failed), a fan-out may have dropped the instance meanwhile: {@code lapsed} runs,
 * so that no session sits silently on an instance the fan-out routes nothing to (decision 0070).
 */
public class InstanceHeartbeats {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceHeartbeats.class);
    private static final Duration BEAT = Duration.ofSeconds(2);
    // a third of the presence TTL: an entry survives two missed refreshes (decision 0087)
    private static final Duration PRESENCE_REFRESH = JetStreamLayout.PRESENCE_TTL.dividedBy(3);
    private static final Duration PRESENCE_TICK = Duration.ofSeconds(1);

    private final Connection connection;
    private final String instanceId;
    private final LocalIndex<LiveSession> index;
    private final InterestAnnouncer announcer;
    private final ObjectMapper json;
    private final Runnable lapsed;
    private final UserActivity activity;
    private final HeartbeatLapse lapse = new HeartbeatLapse(JetStreamLayout.INSTANCES_TTL);
    private final PresenceRota presenceRota = new PresenceRota(PRESENCE_REFRESH, PRESENCE_TICK);
    private final ScheduledExecutorService timer = daemonTimer("heartbeats");
    // Its own thread: a refresh is one KV put per online user (hundreds of round trips on a busy instance), and
    // behind it on the heartbeat's thread the beats stopped for longer than the instances TTL, so the fan-out
    // dropped a live instance's routes and its online users silently missed messages (seen in WebSocketFleetIT).
    private final ScheduledExecutorService presenceTimer = daemonTimer("presence-refresh");
    // Made once: jnats's connection.keyValue(bucket) asks the server for the stream's info each time, and made per
    // put it doubled every presence write with a JetStream API request (seen in a profile of million-member).
    private volatile KeyValue presence;
    private volatile KeyValue instances;

    public InstanceHeartbeats(
            Connection connection,
            String instanceId,
            LocalIndex<LiveSession> index,
            InterestAnnouncer announcer,
            ObjectMapper json,
            UserActivity activity,
            Runnable lapsed) {
        this.connection = connection;
        this.instanceId = instanceId;
        this.index = index;
        this.announcer = announcer;
        this.json = json;
        this.lapsed = lapsed;
        this.activity = activity;
    }

    public void start() throws Exception {
        presence = connection.keyValue(Subjects.PRESENCE_BUCKET);
        instances = connection.keyValue(Subjects.INSTANCES_BUCKET);
        beat();
        timer.scheduleWithFixedDelay(this::beatQuietly, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
        presenceTimer.scheduleAtFixedRate(
                this::refreshPresence, PRESENCE_TICK.toMillis(), PRESENCE_TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService daemonTimer(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public void stop() {
        presenceTimer.shutdownNow();
        timer.shutdownNow();
        try {
            instances.delete(instanceId);
        } catch (Exception e) {
            LOG.warn("cannot remove heartbeat: {}", e.toString());
        }
    }

    /** A session of the user opened here: that is activity, and the entry is written at once. */
    public void online(String userId) {
        activity.active(userId, Instant.now());
        write(userId);
    }

    /** The user did something on a session here: written at once only when the entry said away. */
    public void active(String userId) {
        if (activity.active(userId, Instant.now())) {
            write(userId);
        }
    }

    private void write(String userId) {
        try {
            presence.put(
                    userId, activity.entry(userId, instanceId, Instant.now()).encode());
        } catch (Exception e) {
            LOG.warn("presence of {} not written: {}", userId, e.toString());
        }
    }

    public void offline(String userId) {
        try {
            activity.forget(userId);
            presence.delete(userId);
        } catch (Exception e) {
            LOG.warn("presence of {} not removed: {}", userId, e.toString());
        }
    }

    private void beat() throws Exception {
        InstanceHeartbeat beat =
                new InstanceHeartbeat(instanceId, Instant.now(), announcer.lastSeqs(), index.sessionCount());
        long started = System.nanoTime();
        instances.put(instanceId, json.writeValueAsBytes(beat));
        if (lapse.written(started, System.nanoTime())) {
            LOG.warn(
                    "heartbeat of {} was not written for more than {}: a fan-out may have dropped this instance",
                    instanceId,
                    JetStreamLayout.INSTANCES_TTL);
            lapsed.run();
        }
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (Exception e) {
            LOG.warn("heartbeat failed: {}", e.toString());
        }
    }

    /**
     * Each second: the users whose slot is due (each entry rewritten every 10 minutes, a third of the TTL), and the
     * users who have just gone away.
     */
    private void refreshPresence() {
        try {
            java.util.List<String> online = index.onlineUsers();
            for (String user : presenceRota.next(online)) {
                write(user);
            }
            for (String user : activity.goneAway(online, Instant.now())) {
                write(user);
            }
        } catch (RuntimeException e) {
            LOG.warn("presence refresh failed: {}", e.toString());
        }
    }
}
