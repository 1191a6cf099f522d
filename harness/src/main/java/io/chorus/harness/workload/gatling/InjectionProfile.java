package io.chorus.harness.workload.gatling;

import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.chorus.harness.workload.ArrivalSchedule;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import scala.concurrent.duration.FiniteDuration;

/**
 * Gatling's open injection for a phase's schedules: per step, exactly {@link ArrivalSchedule#count()} users
 * ({@code rampUsers(n).during(n/rate)}, which is how Gatling itself spells {@code constantUsersPerSec(rate)
 * .during(d)}), then nothing until the step's end. Pinning the count to the schedule's keeps Gatling's users and the
 * feeder's arrivals one to one even when {@code rate x duration} is not a whole number (Gatling rounds, the schedule
 * floors). Gatling spaces the users of each whole second evenly at millisecond resolution, so its timetable can
 * differ from {@code i/rate} by up to a millisecond (more for a fractional rate); {@link #timetable} gives that
 * timetable, and the history's intended times follow it (decision 0037).
 */
public final class InjectionProfile {
    private InjectionProfile() {}

    public static List<OpenInjectionStep> of(List<ArrivalSchedule> schedules) {
        List<OpenInjectionStep> steps = new ArrayList<>();
        for (ArrivalSchedule schedule : schedules) {
            long count = schedule.count();
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a step of more than " + Integer.MAX_VALUE + " sends");
            }
            Duration sending =
                    Duration.ofNanos(Math.round(count * 1e9 / schedule.step().rate()));
            if (count > 0) {
                steps.add(rampUsers((int) count).during(sending));
            }
            Duration rest = schedule.step().duration().minus(sending);
            if (!rest.isNegative() && !rest.isZero()) {
                steps.add(nothingFor(rest));
            }
        }
        return steps;
    }

    /**
     * When Gatling will start each user of {@code steps}, in microseconds from the start of the injection, in
     * order: Gatling's own chaining of the steps (last step first), walked lazily.
     */
    public static PrimitiveIterator.OfLong timetable(List<OpenInjectionStep> steps) {
        scala.collection.Iterator<FiniteDuration> chain = scala.collection.Iterator$.MODULE$.empty();
        for (int i = steps.size() - 1; i >= 0; i--) {
            chain = steps.get(i).asScala().chain(chain);
        }
        scala.collection.Iterator<FiniteDuration> starts = chain;
        return new PrimitiveIterator.OfLong() {
            @Override
            public boolean hasNext() {
                return starts.hasNext();
            }

            @Override
            public long nextLong() {
                if (!starts.hasNext()) {
                    throw new NoSuchElementException("Gatling's injection has no more users");
                }
                return starts.next().toMicros();
            }
        };
    }
}
