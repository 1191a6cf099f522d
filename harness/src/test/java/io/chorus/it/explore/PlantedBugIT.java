package io.chorus.it.explore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.harness.cli.ExploreCommand;
import io.chorus.harness.explore.ExploreSummary;
import io.chorus.harness.stack.ChorusHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import picocli.CommandLine;

/**
 * {@code harness explore} finds each planted bug (decisions 0241, 0242) and shrinks it to at most two faults, with
 * faults limited to what can reveal it: {@code ack-before-write} (the message writer acks a batch before its
 * Cassandra write lands) under a kill of the Cassandra node or an outage of the writer's link to it;
 * {@code drop-interest-delta} (a started fan-out drops each instance's first interest delta, its re-announce) under a
 * kill of the fan-out; {@code skip-resume} (a notification instance skips the replay of a resume) under a kill of the
 * notification instance.
 *
 * <p>Each trial and each shrink attempt is a whole run with a stack of its own (decision 0240), about three minutes
 * on the shared 2-core machine, so each case takes five to fifteen minutes: too long for every CI run, it runs only
 * with {@code CHORUS_EXPLORE_PLANTED=1} (as the fuzz test runs only with {@code JAZZER_FUZZ}). The budget of each: one
 * trial, which must find the bug (under it every drawn fault reveals it), and two shrink attempts, which remove faults
 * first, so a drawn schedule of up to three faults ends with at most two.
 */
@Tag("exploration")
@EnabledIfEnvironmentVariable(named = "CHORUS_EXPLORE_PLANTED", matches = "1")
class PlantedBugIT {
    private static final Duration BUDGET = Duration.ofMinutes(20);

    @Test
    void exploreFindsTheWriterAckingBeforeItsWriteAndShrinksItToAtMostTwoFaults() throws Exception {
        Exploration found = explore("ack-before-write", "kill,down,cassandra-1,message-writer -> cassandra");

        assertThat(found.found().broken())
                .as("the loss SLO, the one this scenario judges")
                .contains("messages.lost");
        found.assertShrunkAndPlanted();
    }

    @Test
    void exploreFindsTheFanoutDroppingAnInterestDeltaAndShrinksItToAtMostTwoFaults() throws Exception {
        Exploration found = explore("drop-interest-delta", "kill,fanout-1");

        assertThat(found.found().broken())
                .as("the loss invariant (owed deliveries missing) and the SLO on them")
                .contains("loss", "deliveries.missing");
        found.assertShrunkAndPlanted();
    }

    @Test
    void exploreFindsAnInstanceSkippingResumeAndShrinksItToAtMostTwoFaults() throws Exception {
        Exploration found = explore("skip-resume", "kill,notification-1");

        assertThat(found.found().broken())
                .as("the resume invariant: messages owed to members who reconnected never arrived")
                .contains("resume");
        found.assertShrunkAndPlanted();
    }

    /** One trial of {@code scenarios/planted-<bug>.yaml} and two shrink attempts, with faults from {@code faults}. */
    private static Exploration explore(String bug, String faults) throws Exception {
        Path scenario = ChorusHome.locate().root().resolve("scenarios/planted-" + bug + ".yaml");
        Path out = Files.createDirectories(Path.of("target", "planted-bug-it", bug))
                .toAbsolutePath();
        long started = System.nanoTime();
        long startedAt = System.currentTimeMillis();

        int exit = new CommandLine(new ExploreCommand())
                .execute(
                        scenario.toString(),
                        "--seed",
                        "1",
                        "--trials",
                        "1",
                        "--max-faults",
                        "3",
                        "--window",
                        "5s..10s",
                        "--shrink-attempts",
                        "2",
                        "--budget",
                        BUDGET.toMinutes() + "m",
                        "--faults",
                        faults,
                        "--out",
                        out.toString());

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Path summaryFile = latestSummary(out);
        ExploreSummary summary = new ObjectMapper().readValue(summaryFile.toFile(), ExploreSummary.class);
        System.out.println("planted " + bug + ": " + summary.trials() + " trial(s), " + summary.failures() + " found, "
                + took.toSeconds() + " s with shrinking; found: " + summary.found());
        assertThat(exit).as("exit 1: a trial breached").isEqualTo(1);
        assertThat(summary.errors()).as("trials that could not run").isZero();
        assertThat(summary.found()).isNotEmpty();
        ExploreSummary.Found found = summary.found().get(0);
        Path trialReport = summaryFile.resolveSibling("trial-" + found.trial()).resolve("report.json");
        if (Files.exists(trialReport)) {
            long foundAfter = Files.getLastModifiedTime(trialReport).toMillis() - startedAt;
            System.out.println(
                    "planted " + bug + ": found by trial " + found.trial() + " after " + foundAfter / 1000 + " s");
        }
        assertThat(took)
                .as("within the stated budget and the trial then finished")
                .isLessThan(BUDGET.plusMinutes(5));
        return new Exploration(
                bug, found, out.resolve("explore").resolve(summary.run()).resolve(found.file()));
    }

    private record Exploration(String bug, ExploreSummary.Found found, Path foundFile) {
        void assertShrunkAndPlanted() {
            assertThat(found.schedule()).as("the shrunk schedule").isNotEmpty().hasSizeLessThanOrEqualTo(2);
            assertThat(foundFile).content().contains("plantedBug: " + bug);
        }
    }

    private static Path latestSummary(Path out) throws Exception {
        try (Stream<Path> runs = Files.list(out.resolve("explore"))) {
            List<Path> sorted = runs.sorted().toList();
            return sorted.get(sorted.size() - 1).resolve("summary.json");
        }
    }
}
