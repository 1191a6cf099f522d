package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.harness.checker.StoreListing.StoredMessage;
import io.chorus.harness.history.History;
import io.chorus.harness.history.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkers of a wipe-and-rebuild run: the search index against history, and the rebuilds' rate. */
class StoreRebuildCheckersTest {
    private static final History EMPTY = new History(List.of());

    private static StoredMessage message(String channel, String id) {
        return new StoredMessage(channel, id, null);
    }

    @Test
    void anIndexHoldingWhatHistoryHoldsPasses() {
        StoreListing history = new StoreListing(List.of(message("c1", "m1"), message("c1", "m2"), message("c2", "m3")));
        StoreListing search = new StoreListing(List.of(message("c2", "m3"), message("c1", "m1"), message("c1", "m2")));
        SearchIndexChecker.Result r = new SearchIndexChecker(history, search).check(EMPTY);
        assertThat(r.valid()).isTrue();
        assertThat(r.metrics()).containsEntry("search.missing", 0.0).containsEntry("search.extra", 0.0);
    }

    @Test
    void aMessageMissingFromTheIndexOneTooManyAndOneInTheWrongChannelAreCounted() {
        StoreListing history = new StoreListing(List.of(message("c1", "m1"), message("c1", "m2"), message("c2", "m3")));
        StoreListing search = new StoreListing(
                List.of(message("c1", "m1"), message("c1", "m1"), message("c1", "m3"), message("c9", "m9")));
        SearchIndexChecker.Result r = new SearchIndexChecker(history, search).check(EMPTY);
        assertThat(r.valid()).isFalse();
        assertThat(r.missing()).as("m2, and m3 in its own channel").isEqualTo(2);
        assertThat(r.extra()).as("a second m1, m3 in another channel, m9").isEqualTo(3);
        assertThat(r.missingExamples()).containsExactlyInAnyOrder("c1/m2", "c2/m3");
    }

    @Test
    void theSlowestRebuildIsTheRunsRateAndNoRebuildMeansNoFigure() {
        History rebuilt = new History(List.of(
                new Sample(RebuildChecker.SAMPLE, "rebuild elasticsearch", 4200, 1),
                new Sample("consumer.pending", "message-writer", 7, 2),
                new Sample(RebuildChecker.SAMPLE, "rebuild cassandra", 1800, 3)));
        assertThat(new RebuildChecker().check(rebuilt).metrics())
                .containsExactly(java.util.Map.entry(RebuildChecker.SAMPLE, 1800.0));
        assertThat(new RebuildChecker().check(EMPTY).metrics()).isEmpty();
    }
}
