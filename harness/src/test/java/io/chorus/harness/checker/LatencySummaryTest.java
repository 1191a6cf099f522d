package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The one percentile definition against its oracle, a sorted list: the p-th percentile is the k-th smallest value,
 * k = ⌈p/100 · n⌉ (computed here in exact integer arithmetic), reported as the highest value of its histogram
 * bucket: exact below 2,048, at most 1/1,024 above the exact value beyond.
 */
class LatencySummaryTest {
    /** Levels in per-mille, so the oracle's rank needs no floating point. */
    private static final int[] PER_MILLE = {500, 900, 950, 990, 999};

    private static final Gen<List<Long>> SMALL =
            lists().of(longs().between(0, 3_000)).ofSizeBetween(1, 3_000);
    private static final Gen<List<Long>> WIDE =
            lists().of(longs().between(0, 600_000_000)).ofSizeBetween(1, 3_000);
    /** Many equal values, where an off-by-one rank shows. */
    private static final Gen<List<Long>> TIED =
            lists().of(integers().between(1, 4).map(i -> i * 100L)).ofSizeBetween(1, 400);

    @Test
    void everyPercentileIsTheNearestRankOfTheSortedValues() {
        qt().withExamples(200).forAll(SMALL).checkAssert(LatencySummaryTest::agreesWithTheSortedList);
        qt().withExamples(200).forAll(WIDE).checkAssert(LatencySummaryTest::agreesWithTheSortedList);
        qt().withExamples(200).forAll(TIED).checkAssert(LatencySummaryTest::agreesWithTheSortedList);
    }

    @Test
    void belowTwoThousandAndFortyEightTheValueIsExact() {
        qt().withExamples(200)
                .forAll(lists().of(longs().between(0, 2_047)).ofSizeBetween(1, 500))
                .checkAssert(values -> {
                    List<Long> sorted = sorted(values);
                    LatencySummary s = LatencySummary.of(TimeUnit.MICROSECONDS, array(values));
                    assertThat(s.p95()).isEqualTo(sorted.get(rank(950, sorted.size()) - 1) / 1000.0);
                    assertThat(s.max()).isEqualTo(sorted.get(sorted.size() - 1) / 1000.0);
                });
    }

    @Test
    void theUnitRecordedIsConvertedToMilliseconds() {
        LatencySummary nanos = LatencySummary.of(TimeUnit.NANOSECONDS, 1_500_000, 1_500_000, 1_500_000);
        LatencySummary millis = LatencySummary.of(TimeUnit.MILLISECONDS, 7, 8, 9, 10);
        assertThat(nanos.p50()).isBetween(1.5, 1.5 * (1 + 1 / 1024.0));
        assertThat(millis.p50()).isEqualTo(8.0);
        assertThat(millis.max()).isEqualTo(10.0);
        assertThat(millis.count()).isEqualTo(4);
        assertThat(millis.text()).isEqualTo("n=4 p50=8 ms p95=10 ms p99=10 ms max=10 ms");
    }

    @Test
    void nothingRecordedHasNoPercentile() {
        assertThat(LatencySummary.of(LatencySummary.histogram())).isEqualTo(LatencySummary.EMPTY);
        assertThat(LatencySummary.at(LatencySummary.histogram(), 95, TimeUnit.MICROSECONDS))
                .isNaN();
        assertThat(LatencySummary.EMPTY.measurements("send.latency")).isEmpty();
    }

    private static void agreesWithTheSortedList(List<Long> values) {
        List<Long> sorted = sorted(values);
        Histogram h = LatencySummary.histogram();
        values.forEach(h::recordValue);
        LatencySummary s = LatencySummary.of(h);
        double[] reported = {s.p50(), s.p90(), s.p95(), s.p99(), s.p999()};
        for (int i = 0; i < PER_MILLE.length; i++) {
            long exact = sorted.get(rank(PER_MILLE[i], sorted.size()) - 1);
            assertThat(reported[i])
                    .as("p%s of %s values", PER_MILLE[i] / 10.0, sorted.size())
                    .isEqualTo(h.highestEquivalentValue(exact) / 1000.0)
                    .isBetween(exact / 1000.0, (exact + exact / 1024.0) / 1000.0);
        }
        long largest = sorted.get(sorted.size() - 1);
        assertThat(s.max()).isEqualTo(h.highestEquivalentValue(largest) / 1000.0);
        assertThat(s.count()).isEqualTo(values.size());
    }

    /** ⌈perMille · n / 1000⌉, at least 1. */
    private static int rank(int perMille, int n) {
        return Math.max(1, (perMille * n + 999) / 1000);
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    private static long[] array(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
