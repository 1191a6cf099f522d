package io.chorus.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

/**
 * The engine's properties from queueing theory, on long runs of one station with Poisson arrivals (about 200,000
 * jobs each), over random seeds, loads and server counts. The tolerances are a few standard errors of those run
 * lengths; a wrong queue discipline, a lost job or a clock error misses them by far more.
 */
class StationPropertiesTest {
    private static final double SECONDS = 2_000;
    private static final double RATE = 100; // jobs per second

    @Test
    void littlesLawHolds() {
        qt().withExamples(15)
                .forAll(longs().all(), doubles().between(0.2, 0.85), integers().between(1, 8))
                .checkAssert((seed, load, servers) -> {
                    Station.Stats s = QueueModel.run(
                                    seed, RATE, servers, Distribution.exponential(load * servers / RATE), SECONDS)
                            .stats();
                    // L = lambda W
                    assertThat(s.meanInSystem())
                            .isCloseTo(s.arrivalRate() * s.meanSojourn(), within(0.02 * s.meanInSystem() + 0.01));
                });
    }

    @Test
    void aStableMm1QueueWaitsAsTheoryPredicts() {
        qt().withExamples(15).forAll(longs().all(), doubles().between(0.1, 0.7)).checkAssert((seed, load) -> {
            double mean = load / RATE; // service time for utilisation = load
            Station.Stats s = QueueModel.run(seed, RATE, 1, Distribution.exponential(mean), SECONDS)
                    .stats();
            double mu = 1 / mean;
            double sojourn = 1 / (mu - RATE); // M/M/1: W = 1 / (mu - lambda)
            double wait = load / (mu - RATE); // Wq = rho / (mu - lambda)
            assertThat(s.meanSojourn()).isCloseTo(sojourn, within(0.08 * sojourn));
            assertThat(s.meanWait()).isCloseTo(wait, within(0.12 * wait + 1e-5));
        });
    }

    @Test
    void utilisationIsOfferedLoadTimesCostOverServers() {
        qt().withExamples(15)
                .forAll(longs().all(), doubles().between(0.05, 0.9), integers().between(1, 16))
                .checkAssert((seed, load, servers) -> {
                    double cost = load * servers / RATE; // seconds of a server per job
                    Station.Stats s = QueueModel.run(seed, RATE, servers, Distribution.exponential(cost), SECONDS)
                            .stats();
                    assertThat(s.utilisation()).isCloseTo(RATE * cost / servers, within(0.03 * load + 0.005));
                });
    }

    @Test
    void aStableQueueStaysShortAndLetsEveryJobThrough() {
        qt().withExamples(10).forAll(longs().all(), doubles().between(0.1, 0.6)).checkAssert((seed, load) -> {
            QueueModel m = QueueModel.run(seed, RATE, 2, Distribution.exponential(load * 2 / RATE), SECONDS);
            // at 60% load a run of 200,000 jobs almost surely never queues 100; an unstable one would
            assertThat(m.stats().maxQueue()).isLessThan(100);
            assertThat(m.sink().count()).isGreaterThan(m.stats().arrivals() - 20);
        });
    }

    @Test
    void anOverloadedQueueGrowsWithoutBound() {
        Station.Stats s = QueueModel.run(7, RATE, 1, Distribution.exponential(1.25 / RATE), SECONDS)
                .stats();

        assertThat(s.utilisation()).isGreaterThan(0.99);
        assertThat(s.maxQueue()).isGreaterThan(30_000); // 25 jobs/s more than it serves, for 2,000 s
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherOne() {
        qt().withExamples(10)
                .forAll(longs().all(), doubles().between(0.1, 0.9), integers().between(1, 4))
                .checkAssert((seed, load, servers) -> {
                    Distribution service = Distribution.exponential(load * servers / RATE);
                    QueueModel a = QueueModel.run(seed, RATE, servers, service, 200);
                    QueueModel b = QueueModel.run(seed, RATE, servers, service, 200);
                    QueueModel c = QueueModel.run(seed + 1, RATE, servers, service, 200);
                    assertThat(b.stats()).isEqualTo(a.stats());
                    assertThat(b.events()).isEqualTo(a.events());
                    assertThat(c.stats()).isNotEqualTo(a.stats());
                });
    }

    @Test
    void aDeterministicQueueBelowCapacityNeverWaits() {
        Simulation simulation = new Simulation(1);
        Sink sink = new Sink(simulation);
        Station station = new Station(simulation, "d", 1, Distribution.constant(0.009), sink);
        Source.start(simulation, Distribution.constant(0.01), station, 10);
        simulation.runUntil(11);

        assertThat(sink.count()).isEqualTo(1_000);
        assertThat(station.stats().meanWait()).isZero();
        assertThat(sink.meanSeconds()).isCloseTo(0.009, within(1e-9));
    }
}
