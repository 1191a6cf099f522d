package io.chorus.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {
    @Test
    void eventsFireInTimeOrderAndTiesInTheOrderScheduled() {
        Simulation simulation = new Simulation(1);
        List<String> fired = new ArrayList<>();
        int record = simulation.register(job -> fired.add(simulation.now() + ":" + job));
        for (int i = 0; i < 2_000; i++) {
            simulation.schedule((i * 7919) % 1_000 / 100.0, record, i);
        }
        simulation.schedule(0.5, record, -1);
        simulation.runUntil(100);

        assertThat(fired).hasSize(2_001);
        double[] times = fired.stream()
                .mapToDouble(f -> Double.parseDouble(f.split(":")[0]))
                .toArray();
        for (int i = 1; i < times.length; i++) {
            assertThat(times[i]).isGreaterThanOrEqualTo(times[i - 1]);
        }
        // i = 0 and i = 1000 are both due at 0.0: scheduled first, fired first
        assertThat(fired.get(0)).isEqualTo("0.0:0");
        assertThat(fired.get(1)).isEqualTo("0.0:1000");
    }

    @Test
    void runUntilStopsAtItsEndAndLeavesLaterEventsPending() {
        Simulation simulation = new Simulation(1);
        List<Long> fired = new ArrayList<>();
        int record = simulation.register(fired::add);
        simulation.schedule(1, record, 1);
        simulation.schedule(3, record, 3);
        simulation.runUntil(2);

        assertThat(fired).containsExactly(1L);
        assertThat(simulation.now()).isEqualTo(2.0);
        simulation.runUntil(5);
        assertThat(fired).containsExactly(1L, 3L);
    }

    @Test
    void anEventCannotBeScheduledInThePast() {
        Simulation simulation = new Simulation(1);
        int nothing = simulation.register(job -> {});
        assertThatThrownBy(() -> simulation.schedule(-1, nothing, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> simulation.schedule(Double.NaN, nothing, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMillionJobsThroughThreeHopsTakeSecondsNotMinutes() {
        Simulation simulation = new Simulation(3);
        Sink sink = new Sink(simulation);
        Station third = new Station(simulation, "third", 4, Distribution.exponential(0.00005), sink);
        Station second = new Station(simulation, "second", 4, Distribution.exponential(0.00005), third);
        Station first = new Station(simulation, "first", 4, Distribution.exponential(0.00005), second);
        Source.poisson(simulation, 50_000, first, 20);
        long start = System.nanoTime();
        simulation.runUntil(21);
        double wall = (System.nanoTime() - start) / 1e9;

        assertThat(sink.count()).isBetween(990_000L, 1_010_000L);
        assertThat(simulation.eventsFired()).isGreaterThan(3_900_000L);
        assertThat(wall).isLessThan(20.0); // about 1 s here: a generous bound for a shared machine
    }
}
