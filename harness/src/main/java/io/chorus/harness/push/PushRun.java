package io.chorus.harness.push;

import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.nemesis.Nemesis;
import io.chorus.harness.nemesis.PushProviderNemesis;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.scenario.PushSpec;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.StackDescription;
import io.chorus.harness.workload.LiveCounters;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scenario run's push side (decision 0206): the fake providers recording into the run's history, the stack's push
 * pool pointed at them, the devices registered and the direct messages and mentions sent while the phases run.
 * Faults on {@code push-apns} and {@code push-fcm} go to the fakes through {@link #nemesis}.
 */
public final class PushRun implements AutoCloseable {
    private final FakePushProviders providers;
    private final PushTraffic traffic;
    private final RunClock clock;
    private final AtomicLong lastAnswer;

    private PushRun(FakePushProviders providers, PushTraffic traffic, RunClock clock, AtomicLong lastAnswer) {
        this.providers = providers;
        this.traffic = traffic;
        this.clock = clock;
        this.lastAnswer = lastAnswer;
    }

    /** Starts the fakes, points {@code local}'s push pool at them and registers the devices of {@code population}. */
    public static PushRun start(
            PushSpec spec,
            PushPopulation population,
            LocalStack local,
            StackDescription stack,
            Seeder.Seeded users,
            HistoryWriter history,
            RunClock clock,
            PrintStream out) {
        AtomicLong lastAnswer = new AtomicLong();
        var accepted = FakePushProviders.recording(history, clock);
        var gone = FakePushProviders.recordingGone(history, clock);
        FakePushProviders providers = FakePushProviders.start(
                n -> {
                    accepted.accept(n);
                    lastAnswer.set(System.nanoTime());
                },
                g -> {
                    gone.accept(g);
                    lastAnswer.set(System.nanoTime());
                });
        try {
            PushTraffic traffic = new PushTraffic(spec, population, stack, users, history, clock, out);
            traffic.teach(providers);
            out.println("pointing the push pool at the fake providers");
            providers.configure(local, Map.of());
            traffic.prepare();
            return new PushRun(providers, traffic, clock, lastAnswer);
        } catch (RuntimeException e) {
            providers.close();
            throw e;
        }
    }

    /** The run's nemesis with the fakes' faults added. */
    public Nemesis nemesis(Nemesis others) {
        return new PushProviderNemesis(providers, others, clock);
    }

    public void startTraffic(LiveCounters live) {
        traffic.start(live);
    }

    /**
     * Stops the sends, then waits until the fakes have answered nothing for {@code quiet} (the push pool has worked
     * off what it held), at most {@code max}.
     */
    public void stopAndDrain(Duration quiet, Duration max) {
        traffic.stop();
        long stopped = System.nanoTime();
        lastAnswer.accumulateAndGet(stopped, Math::max);
        while (System.nanoTime() - stopped < max.toNanos() && System.nanoTime() - lastAnswer.get() < quiet.toNanos()) {
            try {
                Thread.sleep(200); // the fakes' answers arrive on their own threads; this only paces the look
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            traffic.close();
        } finally {
            providers.close();
        }
    }
}
