package io.chorus.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.stack.ChorusHome;
import io.chorus.harness.stack.LocalStackExtension;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.stack.engines.EngineVersions;
import io.chorus.harness.stack.engines.Engines;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The baseline the throughput scenario reports against, measured on the shared stack's real 3-node cluster. */
@ExtendWith(LocalStackExtension.class)
class JetStreamBaselineIT {
    @Test
    void measuresTheClusterAndLeavesNoStreamBehind(StackDescription stack) throws Exception {
        ChorusHome home = ChorusHome.locate();
        Engines engines = new Engines(home.tools(), home.mavenWrapper(), EngineVersions.pinned(), System.out);
        Path work = Files.createTempDirectory(Path.of(stack.runDir()), "baseline");

        JetStreamBaseline.Result result = new JetStreamBaseline(engines.natsCli(), work)
                .measure(stack.nats().urls(), 3, 256, 5_000);

        assertThat(result.messagesPerSecond()).isPositive();
        assertThat(result.command()).contains("--replicas 3", "--size 256B");
        try (Connection nats = Nats.connect(new Options.Builder()
                .servers(stack.nats().urls().toArray(String[]::new))
                .build())) {
            assertThat(nats.jetStreamManagement().getStreamNames()).doesNotContain(JetStreamBaseline.STREAM);
        }
    }
}
