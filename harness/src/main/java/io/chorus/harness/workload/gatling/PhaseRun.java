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
 * itself, by class name, so it cannot take constructor arguments). Each arrival is intended at Gatling's injector
 * start ({@link InjectorStart}) plus its user's offset on Gatling's own timetable ({@link InjectionProfile#timetable}).
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
    private final InjectorStart injectorStart = new InjectorStart();
    private volatile long startMicros = -1;
    private Iterator<Arrival> arrivals;

    public PhaseRun(
            String name,
            String baseUrl,
            Duration requestTimeout,
            ArrivalFeeder feeder,
            Seeder.Seeded users,
            RunClock clock,
            SendRecorder recorder) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.feeder = feeder;
        this.users = users;
        this.clock = clock;
        this.recorder = recorder;
        this.injection = InjectionProfile.of(feeder.schedules(0));
    }

    /** Gatling starts its first user: from now on each arrival is due on Gatling's timetable. */
    private void start() {
        PrimitiveIterator.OfLong timetable = InjectionProfile.timetable(injection);
        arrivals = feeder.from(clock.nowMicros(), (step, index) -> {
            long intended = injectorStart.intended(timetable.nextLong(), clock.nowMicros());
            startMicros = injectorStart.estimate();
            return intended;
        });
    }

    /** When the phase started (epoch microseconds, see {@link InjectorStart}), or -1 when no user started. */
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
