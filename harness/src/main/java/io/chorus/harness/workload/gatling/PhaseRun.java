package io.chorus.harness.workload.gatling;

import io.chorus.harness.history.RunClock;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.workload.Arrival;
import io.chorus.harness.workload.ArrivalFeeder;
import io.chorus.harness.workload.SendRecorder;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * Everything one Gatling run of a phase needs, handed to {@link PhaseSimulation} (Gatling builds the simulation
 * itself, by class name, so it cannot take constructor arguments). The phase's clock starts when Gatling starts its
 * first user, that is when its injector starts (its {@code before()} hook runs about 1.7 s earlier on a cold JVM,
 * while Gatling builds its engine: counting from there would charge Gatling's own start-up to the system). Intended
 * times then follow Gatling's own timetable ({@link InjectionProfile#timetable}).
 */
public final class PhaseRun {
    static final String ARRIVAL = "arrival";
    static final String TOKEN = "token";

    final String name;
    final String baseUrl;
    final Duration requestTimeout;
    final SendRecorder recorder;
    private final ArrivalFeeder feeder;
    private final Seeder.Seeded users;
    private final RunClock clock;
    private final List<OpenInjectionStep> injection;
    private volatile long startMicros = -1;
    private Iterator<Arrival> arrivals;

    public PhaseRun(String name, String baseUrl, Duration requestTimeout, ArrivalFeeder feeder, Seeder.Seeded users,
            RunClock clock, SendRecorder recorder) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.feeder = feeder;
        this.users = users;
        this.clock = clock;
        this.recorder = recorder;
        this.injection = InjectionProfile.of(feeder.schedules(0));
    }

    /** The phase starts now: each arrival is due when Gatling's timetable starts its user, counted from now. */
    private void start() {
        long start = clock.nowMicros();
        PrimitiveIterator.OfLong timetable = InjectionProfile.timetable(injection);
        arrivals = feeder.from(start, (step, index) -> start + timetable.nextLong());
        startMicros = start;
    }

    /** When the phase started (epoch microseconds), or -1 when Gatling never got to start it. */
    public long startMicros() {
        return startMicros;
    }

    List<OpenInjectionStep> injection() {
        return injection;
    }

    /** Gatling's feeder: one record per virtual user, that is per arrival. */
    Iterator<Map<String, Object>> records() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true; // Gatling injects exactly feeder.total() users (see InjectionProfile)
            }

            @Override
            public Map<String, Object> next() {
                Arrival arrival = nextArrival();
                return Map.of(ARRIVAL, arrival, TOKEN, users.tokenFor(arrival.sender()));
            }
        };
    }

    private synchronized Arrival nextArrival() {
        if (arrivals == null) {
            start();
        }
        if (!arrivals.hasNext()) {
            throw new NoSuchElementException("Gatling asked for more arrivals than phase " + name + " has");
        }
        return arrivals.next();
    }
}
