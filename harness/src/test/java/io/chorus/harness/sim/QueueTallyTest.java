package io.chorus.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one queue bookkeeping of {@link Station} and {@link SharedCores}: a worked example by hand, then identities
 * that hold exactly (not only on average) for any run that ends empty: Little's law as the area under the jobs
 * present equals the jobs' summed time in the system, and the busy server time equals the service time drawn,
 * so utilisation is offered load times cost.
 */
class QueueTallyTest {
    private static final Stage NOWHERE = job -> {};

    /** An exponential that adds up what it draws: the CPU the jobs were given. */
    private static final class Drawn implements Distribution {
        private final Distribution exponential;
        double total;

        Drawn(double mean) {
            exponential = Distribution.exponential(mean);
        }

        @Override
        public double sample(SplittableRandom random) {
            double s = exponential.sample(random);
            total += s;
            return s;
        }

        @Override
        public double mean() {
            return exponential.mean();
        }
    }

    @Test
    void aWorkedExampleOnOneServer() {
        Simulation simulation = new Simulation(1);
        QueueTally tally = new QueueTally(simulation, "one", 1);
        int at = simulation.register(job -> {});
        // A arrives at 0 and is served until 2; B arrives at 1, waits until 2, is served until 3; observed to 4
        tally.arrive(false);
        tally.start(0, false);
        advanceTo(simulation, at, 1);
        tally.arrive(true);
        advanceTo(simulation, at, 2);
        tally.finish(0);
        tally.start(1, true);
        advanceTo(simulation, at, 3);
        tally.finish(1);
        advanceTo(simulation, at, 4);

        Station.Stats s = tally.stats();
        assertThat(s.arrivals()).isEqualTo(2);
        assertThat(s.completed()).isEqualTo(2);
        assertThat(s.meanWait()).isEqualTo(0.5);
        assertThat(s.meanSojourn()).isEqualTo(2.0);
        assertThat(s.meanInSystem()).isEqualTo(1.0); // 1 + 2 + 1 + 0 job-seconds over 4 s
        assertThat(s.meanQueue()).isEqualTo(0.25);
        assertThat(s.maxQueue()).isEqualTo(1);
        assertThat(s.utilisation()).isEqualTo(0.75);
        assertThat(s.meanInSystem()).isEqualTo(s.arrivalRate() * s.meanSojourn()); // Little's law
    }

    @Test
    void aStationThatEndsEmptyKeepsLittlesLawAndItsBusyTimeExactly() {
        qt().withExamples(40)
                .forAll(longs().all(), doubles().between(0.1, 1.5), integers().between(1, 6))
                .checkAssert((seed, load, servers) -> {
                    Simulation simulation = new Simulation(seed);
                    double rate = 50;
                    Drawn service = new Drawn(load * servers / rate);
                    Station station = new Station(simulation, "s", servers, service, NOWHERE);
                    Source.poisson(simulation, rate, station, 20);
                    simulation.runUntil(Double.MAX_VALUE); // every job completes, even of an overloaded station
                    Station.Stats s = station.stats();

                    assertThat(s.completed()).isEqualTo(s.arrivals());
                    double seconds = s.seconds();
                    assertThat(s.meanInSystem() * seconds)
                            .isCloseTo(s.meanSojourn() * s.completed(), within(1e-6 * seconds));
                    assertThat(s.utilisation() * servers * seconds).isCloseTo(service.total, within(1e-6 * seconds));
                });
    }

    @Test
    void everyDemandOfASharedMachineKeepsLittlesLawAndItsShareOfTheCoresExactly() {
        qt().withExamples(30)
                .forAll(longs().all(), doubles().between(0.1, 0.6), integers().between(1, 4))
                .checkAssert((seed, load, cores) -> {
                    Simulation simulation = new Simulation(seed);
                    SharedCores machine = new SharedCores(simulation, "machine", cores);
                    Drawn light = new Drawn(0.002);
                    Drawn heavy = new Drawn(load * cores / 100);
                    Drawn background = new Drawn(0.001);
                    Source.poisson(simulation, 40, machine.demand("light", light, NOWHERE), 20);
                    Source.poisson(simulation, 100, machine.demand("heavy", heavy, NOWHERE), 20);
                    Source.poisson(simulation, 300 * cores, machine.background("idle", background, NOWHERE), 20);
                    simulation.runUntil(Double.MAX_VALUE);
                    List<Station.Stats> demands = machine.demandStats();
                    Station.Stats whole = machine.stats();
                    double seconds = whole.seconds();

                    double[] drawn = {light.total, heavy.total, background.total};
                    double shares = 0;
                    for (int i = 0; i < 3; i++) {
                        Station.Stats d = demands.get(i);
                        assertThat(d.meanInSystem() * seconds)
                                .isCloseTo(d.meanSojourn() * d.completed(), within(1e-6 * seconds));
                        assertThat(d.utilisation() * cores * seconds).isCloseTo(drawn[i], within(1e-6 * seconds));
                        shares += d.utilisation();
                    }
                    assertThat(whole.utilisation()).isCloseTo(shares, within(1e-9));
                    assertThat(whole.meanInSystem() * seconds)
                            .isCloseTo(whole.meanSojourn() * whole.completed(), within(1e-6 * seconds));
                });
    }

    private static void advanceTo(Simulation simulation, int handler, double time) {
        simulation.schedule(time - simulation.now(), handler, 0);
        simulation.runUntil(time);
    }
}
