package io.chorus.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

    @Test
    void theSameSeedGivesTheSameStatistics() {
        Machine a = Machine.run(4, 2, 200, 500, 0.002, 100);
        Machine b = Machine.run(4, 2, 200, 500, 0.002, 100);

        assertThat(b.whole()).isEqualTo(a.whole());
        assertThat(b.demands()).isEqualTo(a.demands());
    }
}
