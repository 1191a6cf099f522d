package io.chorus.harness.workload;

import io.chorus.harness.history.HistoryWriter;
import io.chorus.harness.history.RunClock;
import io.chorus.harness.population.PopulationPlan;
import io.chorus.harness.population.Seeder;
import io.chorus.harness.scenario.Phase;
import io.chorus.harness.stack.StackDescription;
import java.nio.file.Path;
import java.util.Map;

/**
 * The REST side of the load: sends messages to channels at the phase's rate, open model.
 *
 * <p>Contract, as Jepsen's client: {@link #open} connects to the command API and fails fast if it cannot;
 * {@link #run} sends every arrival of the phase's {@link ArrivalSchedule}s ({@code POST /v1/channels/{id}/messages}
 * with {@code {clientMsgId, text}} as the channel member chosen, with that user's token), appending for each a
 * {@code SendInvoke} with the intended and actual times, then exactly one of {@code SendOk} (202 and its
 * {@code messageId}), {@code SendFail} (a status) or {@code SendInfo} (no answer within the timeout); it appends one
 * {@code PhaseWindow} per step when the step ends, feeds {@link LiveCounters}, and returns when the phase's time
 * is up and every send has completed or timed out. It never waits for an answer before sending the next arrival
 * (no coordinated omission). {@link #close} releases connections and may be called more than once.
 *
 * <p>The driver is Gatling (Java DSL) launched in-process, with a feeder generating the arrivals and an
 * open-injection profile per step ({@code constantUsersPerSec(rate).during(step)}); Gatling's own report goes to
 * the run folder and is linked from {@code report.html} ({@link GatlingWorkload}, decision 0037).
 */
public interface Workload extends AutoCloseable {
    void open(
            StackDescription stack,
            PopulationPlan population,
            Seeder.Seeded users,
            HistoryWriter history,
            RunClock clock);

    void run(Phase phase, LiveCounters live);

    /** Where the driver may write its own report (inside {@code runFolder}); called before {@link #open}. */
    default void reportInto(Path runFolder) {}

    /** The driver's own report files, relative to the run folder, once {@link #close} has written them. */
    default Map<String, String> artifacts() {
        return Map.of();
    }

    @Override
    void close();
}
