package io.chorus.workers.rebuild.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RebuildProgressTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anEmptyStreamIsDoneAtOnce() {
        assertThat(new RebuildProgress("cassandra", 0, START).done()).isTrue();
    }

    @Test
    void isDoneOnlyOnceTheLastSequenceAtTheStartIsReplayed() {
        RebuildProgress progress = new RebuildProgress("elasticsearch", 100, START);
        progress.replayed(50, 0, 50);
        assertThat(progress.done()).isFalse();
        progress.replayed(60, 3, 110);
        assertThat(progress.done()).isTrue();
        assertThat(progress.events()).isEqualTo(110);
    }

    @Test
    void theFinalLineSaysEventsSecondsAndRate() {
        RebuildProgress progress = new RebuildProgress("elasticsearch", 400, START);
        progress.replayed(400, 7, 400);
        assertThat(progress.finalLine(START.plusSeconds(2)))
                .isEqualTo("rebuilt elasticsearch: 400 events (7 skipped) in 2.0 s, 200 events/s");
    }

    @Test
    void aProgressLineIsDueOncePerInterval() {
        RebuildProgress progress = new RebuildProgress("cassandra", 10, START);
        assertThat(progress.due(START.plusMillis(500))).isFalse();
        assertThat(progress.due(START.plusMillis(1000))).isTrue();
        assertThat(progress.due(START.plusMillis(1500))).isFalse();
        progress.replayed(5, 0, 5);
        assertThat(progress.line(START.plusSeconds(1)))
                .isEqualTo("rebuilding cassandra: 5 events, sequence 5 of 10, 5 events/s");
    }
}
