package io.chorus.workers.nats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chorus.workers.MetaWriterSettings;
import org.junit.jupiter.api.Test;

class MetaWriterTurnsTest {

    @Test
    void instancesTakingTurnsHoldOneBatchUnacknowledgedAcrossThemAll() {
        MetaWriter.Settings alone = MetaWriter.Settings.defaults();
        MetaWriter.Settings turns = new MetaWriter.Settings(
                alone.batchSize(),
                alone.maxBatchEvents(),
                alone.batchDocuments(),
                alone.fetchWait(),
                alone.ackWait(),
                alone.retry(),
                true);

        assertThat(turns.maxAckPending()).isEqualTo(alone.maxBatchEvents());
        assertThat(alone.maxAckPending()).isEqualTo(10_000);
    }

    @Test
    void takeTurnsIsReadFromTheMetaWriterBlock() throws Exception {
        MetaWriterSettings settings = new ObjectMapper(new YAMLFactory())
                .readValue("batchSize: 32\nmaxBatchEvents: 32\ntakeTurns: true\n", MetaWriterSettings.class);

        assertThat(settings.settings().takeTurns()).isTrue();
        assertThat(settings.settings().maxAckPending()).isEqualTo(32);
    }
}
