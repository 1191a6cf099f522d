package io.chorus.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One machine's cores shared by several components' demands, against queueing theory and its own bookkeeping. */
class SharedCoresTest {
    private static final Stage NOWHERE = job -> {};

    /** Two components on one machine, each fed its own Poisson arrivals; the light one is measured at its sink. */
    private record Machine(Station.Stats whole, List<Station.Stats> demands, Sink light) {
        static Machine run(long seed, int cores, double lightRate, double heavyRate, double cost, double seconds) {
            Simulation simulation = new Simulation(seed);
            SharedCores machine = new SharedCores(simulation, "machine", cores);
            Sink light = new Sink(simulation);
            Source.poisson(
                    simulation, lightRate, machine.demand("light", Distribution.exponential(cost), light), seconds);
            if (heavyRate > 0) {
                Source.poisson(
                        simulation,
                        heavyRate,
                        machine.demand("heavy", Distribution.exponential(cost), NOWHERE),
                        seconds);
            }
            simulation.runUntil(seconds);
            return new Machine(machine.stats(), machine.demandStats(), light);
        }

        Station.Stats demand(String name) {
            return demands.stream()
                    .filter(d -> d.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void eachComponentTakesItsRateTimesItsCostOfTheMachineAndTheSharesAddUp() {
        Machine m = Machine.run(1, 2, 100, 700, 0.001, 400);

        assertThat(m.demand("light").utilisation()).isCloseTo(100 * 0.001 / 2, within(0.005));
        assertThat(m.demand("heavy").utilisation()).isCloseTo(700 * 0.001 / 2, within(0.01));
        assertThat(m.whole().utilisation())
                .isCloseTo(m.demand("light").utilisation() + m.demand("heavy").utilisation(), within(0.002));
    }

    @Test
    void littlesLawHoldsForTheMachineAndForEachComponent() {
        Machine m = Machine.run(2, 2, 300, 900, 0.001, 400);

        for (Station.Stats s : List.of(m.whole(), m.demand("light"), m.demand("heavy"))) {
            assertThat(s.meanInSystem()).isCloseTo(s.arrivalRate() * s.meanSojourn(), within(0.02 * s.meanInSystem()));
        }
    }

    @Test
    void aLightComponentWaitsForTheOthersBurstsAsOneQueueOfTheirSummedLoad() {
        double cost = 0.001;
        Machine alone = Machine.run(3, 1, 100, 0, cost, 600);
        Machine shared = Machine.run(3, 1, 100, 700, cost, 600);

        // M/M/1 at the load of both: mean time in the machine 1 / (mu - lambda), for the light component too
        assertThat(alone.light().meanSeconds()).isCloseTo(1 / (1000.0 - 100), within(0.08 / (1000.0 - 100)));
        assertThat(shared.light().meanSeconds()).isCloseTo(1 / (1000.0 - 800), within(0.10 / (1000.0 - 800)));
        assertThat(shared.demand("light").meanWait()).isCloseTo(shared.whole().meanWait(), within(0.0005));
    }

    /** Request work at {@code rate} per second costing {@code cost}, beside background bursts of 1 ms. */
    private record Classes(Station.Stats whole, Station.Stats request, Station.Stats background) {
        static final double BURST = 0.001;

        static Classes run(long seed, int cores, double rate, double cost, double backgroundCores, double seconds) {
            Simulation simulation = new Simulation(seed);
            SharedCores machine = new SharedCores(simulation, "machine", cores);
            Source.poisson(
                    simulation, rate, machine.demand("request", Distribution.exponential(cost), NOWHERE), seconds);
            Source.poisson(
                    simulation,
                    backgroundCores / BURST,
                    machine.background("background", Distribution.exponential(BURST), NOWHERE),
                    seconds);
            simulation.runUntil(seconds);
            List<Station.Stats> demands = machine.demandStats();
            return new Classes(machine.stats(), demands.get(0), demands.get(1));
        }
    }

    @Test
    void backgroundCpuWaitsBehindRequestWorkAsCobhamsNonPreemptivePriorityQueue() {
        qt().withExamples(8)
                .forAll(longs().all(), doubles().between(0.05, 0.4), doubles().between(0.05, 0.45))
                .checkAssert((seed, requestLoad, backgroundLoad) -> {
                    double cost = requestLoad / 100;
                    Classes m = Classes.run(seed, 1, 100, cost, backgroundLoad, 600);
                    // M/M/1 with two classes, non-preemptive: the mean residual work a job finds on the server
                    // is R = sum of load x mean service (exponential); class 1 waits R / (1 - rho1), class 2
                    // R / ((1 - rho1)(1 - rho1 - rho2))
                    double residual = requestLoad * cost + backgroundLoad * Classes.BURST;
                    double requestWait = residual / (1 - requestLoad);
                    double backgroundWait = requestWait / (1 - requestLoad - backgroundLoad);
                    assertThat(m.request().meanWait()).isCloseTo(requestWait, within(0.12 * requestWait + 2e-5));
                    assertThat(m.background().meanWait())
                            .isCloseTo(backgroundWait, within(0.12 * backgroundWait + 2e-5));
                    assertThat(m.request().utilisation()).isCloseTo(requestLoad, within(0.03 * requestLoad + 0.005));
                    assertThat(m.background().utilisation())
                            .isCloseTo(backgroundLoad, within(0.03 * backgroundLoad + 0.005));
                });
    }

    @Test
    void littlesLawHoldsForBothClassesAndTheSharesAddUp() {
        qt().withExamples(8)
                .forAll(longs().all(), integers().between(1, 4), doubles().between(0.1, 0.8))
                .checkAssert((seed, cores, backgroundShare) -> {
                    double cost = 0.002;
                    double rate = 0.15 * cores / cost; // request work keeps 15 % of the cores busy
                    Classes m = Classes.run(seed, cores, rate, cost, backgroundShare * cores, 200);
                    for (Station.Stats s : List.of(m.whole(), m.request(), m.background())) {
                        assertThat(s.meanInSystem())
                                .isCloseTo(s.arrivalRate() * s.meanSojourn(), within(0.03 * s.meanInSystem() + 1e-3));
                    }
                    assertThat(m.request().utilisation()).isCloseTo(0.15, within(0.01));
                    assertThat(m.background().utilisation()).isCloseTo(backgroundShare, within(0.03));
                    assertThat(m.whole().utilisation())
                            .isCloseTo(
                                    m.request().utilisation() + m.background().utilisation(), within(1e-9));
                });
    }

    @Test
    void requestWorkStaysStableWhileBackgroundCpuOverloadsTheMachine() {
        double cost = 0.002;
        Classes m = Classes.run(5, 2, 200, cost, 2.4, 300); // 0.4 cores of requests beside 2.4 of background

        assertThat(m.whole().utilisation()).isGreaterThan(0.99);
        assertThat(m.request().utilisation()).isCloseTo(0.2, within(0.01)); // it gets all the CPU it offers
        // it waits for at most the end of a burst on either core: the shorter of two 1 ms residuals, or a request
        assertThat(m.request().meanWait()).isLessThan(0.001);
        assertThat(m.background().meanWait()).isGreaterThan(1.0); // the background is what backs up
    }

    @Test
    void theSameSeedGivesTheSameStatistics() {
        Machine a = Machine.run(4, 2, 200, 500, 0.002, 100);
        Machine b = Machine.run(4, 2, 200, 500, 0.002, 100);

        assertThat(b.whole()).isEqualTo(a.whole());
        assertThat(b.demands()).isEqualTo(a.demands());
    }
}
