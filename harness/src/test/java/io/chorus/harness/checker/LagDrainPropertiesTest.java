package io.chorus.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.chorus.harness.history.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Property-based: lag drain is a pure function of the consumer.pending samples. Random sweeps (every consumer read
 * once a second, as the run's probe does) with a fault from 20 s to 40 s and the lag draining at a random sweep.
 */
class LagDrainPropertiesTest {
    private static final long S = 1_000_000;
    private static final long START = 20 * S;
    private static final long END = 40 * S;

    /** A run's samples: consumers with a random normal level, a backlog during the fault, drained at sweep k. */
    record Run(List<Sample> samples, int consumers, int drainSweep, Map<String, Double> normal) {
        static Run of(long seed, int consumers, int drainSweep) {
            Random random = new Random(seed);
            Map<String, Double> normal = new HashMap<>();
            List<Sample> samples = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                normal.put("c" + c, (double) random.nextInt(4));
            }
            for (int sweep = 0; sweep < 80; sweep++) {
                long t = sweep * S;
                for (int c = 0; c < consumers; c++) {
                    String source = "c" + c;
                    double level = normal.get(source);
                    boolean backlog = t >= START && t < END + drainSweep * S;
                    double value = backlog
                            ? level + 1 + random.nextInt(500)
                            : t == START - S
                                    ? level
                                    : random.nextInt((int) level + 1); // its level, reached once before
                    samples.add(new Sample(RecoveryChecker.LAG_METRIC, source, value, t + c));
                }
            }
            Collections.shuffle(samples, random);
            return new Run(samples, consumers, drainSweep, normal);
        }
    }

    private static final Gen<Run> RUNS =
            longs().all().zip(integers().between(1, 8), integers().between(0, 30), Run::of);

    @Test
    void drainsAtTheFirstSweepWhereEveryConsumerIsBackToItsLevel() {
        // the sweep at END + k s ends with its last consumer's sample, k s + (consumers - 1) µs after the end
        qt().withExamples(300).forAll(RUNS).check(run -> {
            Double drain = LagDrain.of(run.samples(), START, END);
            return drain != null && drain == (run.drainSweep() * S + run.consumers() - 1) / 1e3;
        });
    }

    @Test
    void aConsumerThatNeverDrainsHoldsTheFigureBack() {
        qt().withExamples(200).forAll(RUNS, integers().allPositive()).check((run, pick) -> {
            String stuck = "c" + (pick % run.consumers());
            List<Sample> samples = run.samples().stream()
                    .map(s -> s.source().equals(stuck) && s.time() >= START
                            ? new Sample(s.metric(), s.source(), run.normal().get(stuck) + 1, s.time())
                            : s)
                    .toList();
            return LagDrain.of(samples, START, END) == null;
        });
    }

    @Test
    void noSampleAfterTheFaultMeansNoFigure() {
        qt().withExamples(200)
                .forAll(RUNS)
                .check(run -> LagDrain.of(
                                run.samples().stream()
                                        .filter(s -> s.time() < END)
                                        .toList(),
                                START,
                                END)
                        == null);
    }

    @Test
    void otherMetricsAndSamplesLongBeforeTheFaultDoNotCount() {
        qt().withExamples(200).forAll(RUNS).check(run -> {
            List<Sample> noisy = new ArrayList<>(run.samples());
            noisy.add(new Sample("fanout.publishes", "c0", 1e9, END + 1));
            Double before = LagDrain.of(noisy, START, END);
            return before != null && before.equals(LagDrain.of(run.samples(), START, END));
        });
    }

    @Test
    void aHighReadingLongBeforeTheFaultIsNotTheNormalLevel() {
        List<Sample> samples = List.of(
                new Sample(RecoveryChecker.LAG_METRIC, "w", 900, START - 11 * S),
                new Sample(RecoveryChecker.LAG_METRIC, "w", 2, START - S),
                new Sample(RecoveryChecker.LAG_METRIC, "w", 50, END + S),
                new Sample(RecoveryChecker.LAG_METRIC, "w", 2, END + 3 * S));
        assertThat(LagDrain.of(samples, START, END)).isEqualTo(3000.0);
    }
}
