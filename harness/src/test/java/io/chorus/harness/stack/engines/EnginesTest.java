package io.chorus.harness.stack.engines;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnginesTest {
    @Test
    void comparesTheVersionAProgramPrints() {
        assertThat(Engines.compare("nats-server: v2.9.10", "2.10.0")).isNegative();
        assertThat(Engines.compare("nats-server: v2.14.9", "2.10.0")).isPositive();
        assertThat(Engines.compare("v2.10.0", "2.10.0")).isZero();
        assertThat(Engines.compare("no version here", "2.10.0")).isNegative();
    }

    @Test
    void pinnedVersionsComeFromTheBuild() {
        EngineVersions pinned = EngineVersions.pinned();
        assertThat(pinned.natsServer()).matches("v2\\.\\d+\\.\\d+");
        assertThat(pinned.cassandra()).isEqualTo("5.0.6");
        assertThat(pinned.elasticsearch()).isEqualTo("8.17.0");
        assertThat(pinned.ferretdb()).isEqualTo("v1.24.2");
    }
}
