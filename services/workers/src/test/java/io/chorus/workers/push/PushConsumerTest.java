package io.chorus.workers.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.events.DirectChannels;
import io.chorus.common.events.EventEnvelope;
import io.chorus.common.events.EventTypes;
import io.chorus.common.events.MessagePayloads;
import io.chorus.common.events.Subjects;
import io.chorus.common.nats.worker.RetryPolicy;
import io.chorus.common.nats.worker.Settlement;
import io.chorus.common.push.NotificationLevel;
import io.chorus.workers.push.core.Notification;
import io.chorus.workers.push.core.PushRecipients;
import io.dropwizard.jackson.Jackson;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Which notifications the push worker builds for one event, from the stores' answers (in memory here). */
class PushConsumerTest {
    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, NotificationLevel> levels = new HashMap<>();
    private final Map<String, List<PushDirectory.Device>> devices = new HashMap<>();
    private final Set<String> online = new HashSet<>();
    private final Set<String> sent = new HashSet<>();

    private final PushDirectory directory = new PushDirectory(() -> null, Duration.ZERO) {
        @Override
        public List<String> members(String channelId) {
            return List.copyOf(members.getOrDefault(channelId, Set.of()));
        }

        @Override
        public List<String> membersAmong(String channelId, Set<String> userIds) {
            return userIds.stream()
                    .filter(members.getOrDefault(channelId, Set.of())::contains)
                    .toList();
        }

        @Override
        public Set<String> notifiedOfAll(String channelId) {
            Set<String> all = new LinkedHashSet<>();
            levels.forEach((key, level) -> {
                if (level == NotificationLevel.ALL && key.startsWith(channelId + ":")) {
                    all.add(key.substring(channelId.length() + 1));
                }
            });
            return all;
        }

        @Override
        public NotificationLevel level(String channelId, String userId) {
            return levels.getOrDefault(channelId + ":" + userId, NotificationLevel.DEFAULT);
        }

        @Override
        public List<Device> devices(String userId) {
            return devices.getOrDefault(userId, List.of());
        }
    };

    private final PushState state = new PushState(null, JSON, java.time.Clock.systemUTC()) {
        @Override
        public boolean online(String userId) {
            return online.contains(userId);
        }

        @Override
        public boolean sent(String key) {
            return sent.contains(key);
        }
    };

    private final PushConsumer consumer = new PushConsumer(
            JSON,
            directory,
            state,
            Map.of(),
            new PushSettings().deliveryPolicy(),
            new Settlement(
                    Subjects.MESSAGES_STREAM,
                    PushConsumer.DURABLE,
                    (Supplier<io.nats.client.Connection>) () -> null,
                    new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 1),
                    new MetricRegistry()));

    private void device(String userId, String deviceId, String platform) {
        devices.computeIfAbsent(userId, u -> new java.util.ArrayList<>())
                .add(new PushDirectory.Device(deviceId, userId, platform, "tok-" + deviceId, "app"));
    }

    private List<Notification> notificationsFor(UUID id, String channelId, String author, String text)
            throws Exception {
        EventEnvelope event = new EventEnvelope(
                id, EventTypes.MESSAGE_CREATED, channelId, author, Instant.now(), JSON.valueToTree(Map.of()));
        return consumer.notifications(event, new MessagePayloads.Created("c", text));
    }

    @Test
    void aDirectMessagePushesEachOfflineDeviceOfTheOtherUserAndNoneOfTheAuthors() throws Exception {
        String dm = DirectChannels.id("alice", "bob");
        members.put(dm, Set.of("alice", "bob"));
        device("alice", "da", "apns");
        device("bob", "db1", "apns");
        device("bob", "db2", "fcm");

        List<Notification> notifications = notificationsFor(UUID.randomUUID(), dm, "alice", "hi");

        assertThat(notifications).extracting(Notification::deviceId).containsExactlyInAnyOrder("db1", "db2");
        assertThat(notifications).allSatisfy(n -> assertThat(n.reason()).isEqualTo(PushRecipients.Reason.DIRECT));
    }

    @Test
    void aMentionPushesOfflineMembersOnlyAndARedeliveryNothingAlreadySent() throws Exception {
        members.put("general", Set.of("alice", "bob", "carol", "dave"));
        device("bob", "db", "fcm");
        device("carol", "dc", "fcm");
        device("erin", "de", "fcm"); // mentioned, not a member
        device("dave", "dd", "fcm"); // set to all, but muted below
        online.add("carol");
        levels.put("general:dave", NotificationLevel.MUTE);
        UUID id = UUID.randomUUID();

        List<Notification> first = notificationsFor(id, "general", "alice", "@bob @carol @erin @dave @alice");
        assertThat(first).extracting(Notification::deviceId).containsExactly("db");

        sent.add(first.get(0).idempotencyKey());
        assertThat(notificationsFor(id, "general", "alice", "@bob @carol @erin @dave @alice"))
                .isEmpty();
    }

    @Test
    void aPlainChannelMessagePushesOnlyThoseWhoSetTheChannelToAll() throws Exception {
        members.put("general", Set.of("alice", "bob", "carol"));
        device("bob", "db", "apns");
        device("carol", "dc", "apns");
        levels.put("general:carol", NotificationLevel.ALL);
        levels.put("other:bob", NotificationLevel.ALL);

        assertThat(notificationsFor(UUID.randomUUID(), "general", "alice", "lunch?"))
                .extracting(Notification::deviceId)
                .containsExactly("dc");
    }
}
