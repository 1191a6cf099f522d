package io.chorus.notification;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chorus.common.api.TokenBuckets;
import io.chorus.common.auth.JwtFactory;
import io.chorus.common.mongo.MongoConfiguration;
import io.chorus.common.mongo.MongoFactory;
import io.chorus.common.nats.NatsConfiguration;
import io.chorus.common.nats.NatsFactory;
import io.chorus.notification.core.AwaitingAuth;
import io.chorus.notification.core.PlantedBug;
import io.chorus.notification.core.TypingLimits;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Optional;

public class NotificationConfiguration extends Configuration implements NatsConfiguration, MongoConfiguration {
    @Valid
    @NotNull
    @JsonProperty
    private JwtFactory auth = new JwtFactory();

    /** This instance's id: its inbox subject is {@code instance.events.<instanceId>}. */
    @NotEmpty
    @JsonProperty
    private String instanceId = "notification-1";

    @Valid
    @NotNull
    @JsonProperty
    private NatsFactory nats = new NatsFactory();

    /** Where a user's channels are read at connect (decision 0020). */
    @Valid
    @NotNull
    @JsonProperty
    private MongoFactory mongo = new MongoFactory();

    /** Where a connecting user's channels are read (decision 0020). */
    public enum ChannelSource {
        PERMISSIONS_KV,
        MONGO;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static ChannelSource of(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    @NotNull
    @JsonProperty
    private ChannelSource channelSource = ChannelSource.PERMISSIONS_KV;

    public ChannelSource getChannelSource() {
        return channelSource;
    }

    /** How many fan-out instances split the channels; must match theirs. */
    @Min(1)
    @JsonProperty
    private int fanoutPartitions = 1;

    @Valid
    @NotNull
    @JsonProperty
    private SocketLimits websocket = new SocketLimits();

    /** Tests of {@code harness explore} only: a known bug to run with (decision 0242); absent, the instance is correct. */
    @JsonProperty
    private PlantedBug plantedBug;

    /**
     * Tests only: without it a {@code plantedBug} is refused, so a configuration copied from a test stack cannot skip
     * resumes in production. Never set in a shipped file.
     */
    @JsonProperty
    private boolean allowPlantedBug;

    /** The planted bug to run with, if a test asked for one. */
    public Optional<PlantedBug> plantedBug() {
        return Optional.ofNullable(plantedBug);
    }

    @AssertTrue(
            message = "plantedBug makes the notification instance lose events on purpose, for harness explore's tests: "
                    + "remove it, or set allowPlantedBug: true beside it in a test stack only")
    public boolean isPlantedBugAllowed() {
        return plantedBug == null || allowPlantedBug;
    }

    public String getInstanceId() {
        return instanceId;
    }

    @Override
    public NatsFactory getNats() {
        return nats;
    }

    public JwtFactory getAuth() {
        return auth;
    }

    @Override
    public MongoFactory getMongo() {
        return mongo;
    }

    public int getFanoutPartitions() {
        return fanoutPartitions;
    }

    @Valid
    @JsonProperty
    private PresenceSettings presence = new PresenceSettings();

    public PresenceSettings getPresence() {
        return presence;
    }

    /** Presence of the instance's users and presence watches of its sessions (decision 0253). */
    public static class PresenceSettings {
        /** A user with no activity on their sessions here for this long is away. */
        @JsonProperty
        private Duration awayAfter = Duration.minutes(5);

        /** Channels one session may watch the members of. */
        @Min(1)
        @JsonProperty
        private int maxWatchedChannels = 10;

        /** Users one session's watch may cover, over all its channels. */
        @Min(1)
        @JsonProperty
        private int maxWatchedUsers = 500;

        public Duration getAwayAfter() {
            return awayAfter;
        }

        public int getMaxWatchedChannels() {
            return maxWatchedChannels;
        }

        public int getMaxWatchedUsers() {
            return maxWatchedUsers;
        }
    }

    public SocketLimits getWebsocket() {
        return websocket;
    }

    /** A rate with a burst above it: a token bucket per key. */
    public static class Rate {
        @Positive
        @JsonProperty
        private double perSecond;

        @Min(1)
        @JsonProperty
        private int burst;

        public Rate() {}

        Rate(double perSecond, int burst) {
            this.perSecond = perSecond;
            this.burst = burst;
        }

        TokenBuckets buckets() {
            return new TokenBuckets(perSecond, burst);
        }
    }

    /** The limits of {@code /v1/ws} (docs/protocol.md). */
    public static class SocketLimits {
        /** Largest client frame; a larger one closes the socket with 1009. */
        @Min(256)
        @JsonProperty
        private int maxFrameBytes = 64 * 1024;

        /** A socket with no frame either way for this long is closed (clients ping to stay). */
        @NotNull
        @JsonProperty
        private Duration idleTimeout = Duration.seconds(60);

        /** Without a token in the URL, the auth frame must come within this. */
        @NotNull
        @JsonProperty
        private Duration authTimeout = Duration.seconds(10);

        /**
         * Sockets open but not yet authenticated on this instance; one more is closed with 1013. Above the
         * harness fleet's whole reconnect storm (5,000 sockets, each sending its auth frame at once) landing on
         * one instance (decision 0133).
         */
        @Min(1)
        @JsonProperty
        private int maxAwaitingAuth = 8192;

        /**
         * The same bound per remote address; 0 for none. Off by default: behind the gateway every socket comes from
         * the gateway's few addresses, so the per-client bound belongs to the gateway (decision 0133).
         */
        @Min(0)
        @JsonProperty
        private int maxAwaitingAuthPerAddress = 0;

        public AwaitingAuth awaitingAuth() {
            return new AwaitingAuth(maxAwaitingAuth, maxAwaitingAuthPerAddress);
        }

        /** Frames waiting per session before it is closed as a slow consumer (4008). */
        @Min(1)
        @JsonProperty
        private int outboundFrames = 4096;

        /** Bytes of frames waiting per session before it is closed as a slow consumer (4008). */
        @Min(65_536)
        @JsonProperty
        private long outboundBytes = 4L * 1024 * 1024;

        public long getOutboundBytes() {
            return outboundBytes;
        }

        /** Largest gap (stream events to scan) a resume replays; beyond it: resync_required. */
        @Min(0)
        @JsonProperty
        private long maxReplayEvents = 50_000;

        /**
         * Most event bytes a resume replays; past it: resync_required. Well above {@link #outboundBytes}: a client
         * closed as a slow consumer (4008) owes at most about that much, and its resume must replay it all.
         */
        @Min(0)
        @JsonProperty
        private long maxReplayBytes = 16L * 1024 * 1024;

        public long getMaxReplayBytes() {
            return maxReplayBytes;
        }

        /** How long a connect waits for the fan-out partitions to confirm its interest. */
        @NotNull
        @JsonProperty
        private Duration announceTimeout = Duration.seconds(2);

        /** How long a connect waits for the permissions KV to answer with the user's channels. */
        @NotNull
        @JsonProperty
        private Duration channelReadTimeout = Duration.seconds(5);

        /** Sessions one user may hold on this instance; one more is refused (4029). */
        @Min(1)
        @JsonProperty
        private int maxSocketsPerUser = 16;

        public int getMaxSocketsPerUser() {
            return maxSocketsPerUser;
        }

        /** Typing frames one session turns into notices; past it: {@code error rate_limited}. */
        @Valid
        @NotNull
        @JsonProperty
        private Rate typingPerSession = new Rate(2, 5);

        /** Typing frames all of one user's sessions on this instance turn into notices. */
        @Valid
        @NotNull
        @JsonProperty
        private Rate typingPerUser = new Rate(5, 10);

        public TypingLimits typingLimits() {
            return new TypingLimits(typingPerSession.buckets(), typingPerUser.buckets());
        }

        /** Threads that set sessions up (channel load, announce, replay): I/O-bound, so more than the cores. */
        @Min(1)
        @JsonProperty
        private int setupThreads = 16;

        public int getSetupThreads() {
            return setupThreads;
        }

        public int getMaxFrameBytes() {
            return maxFrameBytes;
        }

        public java.time.Duration getIdleTimeout() {
            return idleTimeout.toJavaDuration();
        }

        public java.time.Duration getAuthTimeout() {
            return authTimeout.toJavaDuration();
        }

        public int getOutboundFrames() {
            return outboundFrames;
        }

        public long getMaxReplayEvents() {
            return maxReplayEvents;
        }

        public java.time.Duration getAnnounceTimeout() {
            return announceTimeout.toJavaDuration();
        }

        public java.time.Duration getChannelReadTimeout() {
            return channelReadTimeout.toJavaDuration();
        }
    }
}
