package io.chorus.common.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JetStreamLayoutTest {
    @Test
    void threeStreamsWithRetentionDuplicateWindowAndReplicas() {
        JetStreamLayout layout = new JetStreamLayout(3);
        assertThat(layout.streams())
                .extracting(StreamConfiguration::getName)
                .containsExactly("MESSAGES", "META", "DEADLETTER");
        assertThat(layout.streams()).allSatisfy(s -> {
            assertThat(s.getReplicas()).isEqualTo(3);
            assertThat(s.getStorageType()).isEqualTo(StorageType.File);
            assertThat(s.getMaxAge()).isEqualTo(Duration.ofDays(30));
            assertThat(s.getDuplicateWindow()).isEqualTo(JetStreamLayout.DUPLICATE_WINDOW);
        });
        assertThat(layout.streams().get(0).getSubjects()).containsExactly("chat.msg.>");
        assertThat(layout.streams().get(1).getSubjects()).containsExactly("chat.meta.>");
        assertThat(layout.streams().get(2).getSubjects()).containsExactly("dlq.>");
    }

    @Test
    void permissionsNeverExpirePresenceAndInstancesDo() {
        JetStreamLayout layout = new JetStreamLayout(1);
        assertThat(layout.buckets())
                .extracting(KeyValueConfiguration::getBucketName)
                .containsExactly("permissions", "presence", "instances", "push-sent", "integrations");
        assertThat(layout.buckets()).allSatisfy(b -> assertThat(b.getReplicas()).isEqualTo(1));
        assertThat(layout.buckets().get(0).getTtl()).isZero();
        assertThat(layout.buckets().get(1).getTtl()).isEqualTo(JetStreamLayout.PRESENCE_TTL);
        assertThat(layout.buckets().get(2).getTtl()).isEqualTo(JetStreamLayout.INSTANCES_TTL);
        assertThat(layout.buckets().get(3).getTtl()).isEqualTo(JetStreamLayout.PUSH_SENT_TTL);
        assertThat(layout.buckets().get(4).getTtl()).isZero();
    }

    @Test
    void replicasFollowTheClusterSize() {
        assertThat(JetStreamLayout.replicasFor(1)).isEqualTo(1);
        assertThat(JetStreamLayout.replicasFor(3)).isEqualTo(3);
        assertThat(JetStreamLayout.replicasFor(5)).isEqualTo(3);
        assertThatThrownBy(() -> new JetStreamLayout(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
