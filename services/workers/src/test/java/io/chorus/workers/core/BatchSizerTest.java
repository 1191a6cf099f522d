package io.chorus.workers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class BatchSizerTest {
    @Test
    void startsAtTheFloor() {
        assertThat(new BatchSizer(64, 2_000, 64_000).next()).isEqualTo(64);
    }

    @Test
    void eventsOfAThousandMembersKeepTheFloorAndSingleMembershipsReachTheCeiling() {
        BatchSizer sizer = new BatchSizer(64, 2_000, 64_000);
        sizer.observe(64, 64_000);
        assertThat(sizer.next()).isEqualTo(64);
        sizer.observe(64, 64);
        assertThat(sizer.next()).isEqualTo(2_000);
        sizer.observe(100, 10_000); // 100 documents an event: 640 events fit the budget
        assertThat(sizer.next()).isEqualTo(640);
    }

    @Test
    void anEmptyFetchChangesNothing() {
        BatchSizer sizer = new BatchSizer(64, 2_000, 64_000);
        sizer.observe(10, 10);
        sizer.observe(0, 0);
        assertThat(sizer.next()).isEqualTo(2_000);
    }

    @Test
    void theNextCountStaysWithinItsBoundsAndTheBudgetWheneverAboveTheFloor() {
        qt().forAll(integers().between(1, 5_000), integers().between(0, 2_000_000))
                .checkAssert((events, documents) -> {
                    BatchSizer sizer = new BatchSizer(64, 2_000, 64_000);
                    sizer.observe(events, documents);
                    int next = sizer.next();
                    assertThat(next).isBetween(64, 2_000);
                    double perEvent = Math.max(1.0, (double) documents / events);
                    if (next > 64) {
                        assertThat(next * perEvent).isLessThanOrEqualTo(64_000.0 + perEvent);
                    }
                });
    }

    @Test
    void refusesBoundsThatCannotHold() {
        assertThatThrownBy(() -> new BatchSizer(0, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchSizer(10, 5, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
