package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which extra JVM options replace the services' serial collector (a JVM refuses two collectors). */
class ServiceJvmOptionsTest {
    @Test
    void aCollectorFlagChoosesTheCollector() {
        assertThat(LocalStack.choosesCollector("-XX:+UseParallelGC")).isTrue();
        assertThat(LocalStack.choosesCollector("-XX:+UseG1GC")).isTrue();
        assertThat(LocalStack.choosesCollector("-XX:+UseShenandoahGC")).isTrue();
    }

    @Test
    void otherOptionsLeaveTheSerialCollector() {
        assertThat(LocalStack.choosesCollector("-XX:ParallelGCThreads=2")).isFalse();
        assertThat(LocalStack.choosesCollector("-XX:-UseParallelGC")).isFalse();
        assertThat(LocalStack.choosesCollector("-XX:StartFlightRecording=filename=/x/{service}.jfr"))
                .isFalse();
        assertThat(LocalStack.choosesCollector("-Xmn96m")).isFalse();
    }
}
