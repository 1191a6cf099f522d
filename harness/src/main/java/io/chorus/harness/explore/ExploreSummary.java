package io.chorus.harness.explore;

import java.util.List;
import java.util.Map;

/**
 * The content of an exploration's {@code summary.json}, rewritten after every trial so an exploration cut short
 * still has one.
 *
 * @param seed             the exploration's seed: the same seed draws the same schedules in the same order
 * @param trials           trials run (shrink attempts not counted)
 * @param errors           trials that could not be run or checked (exit 2 of a run): not findings
 * @param faultsTriedByKind how many faults of each kind the trials' schedules held
 */
public record ExploreSummary(
        String run,
        String scenario,
        long seed,
        int trials,
        int failures,
        int errors,
        double elapsedSeconds,
        Map<String, Integer> faultsTriedByKind,
        List<Found> found) {

    /**
     * One failure found and shrunk.
     *
     * @param file          the ready-to-run scenario, relative to the exploration's folder
     * @param report        the report folder of the shrunk schedule's run, relative to the same folder
     * @param scheduleSeed  the seed that drew the trial's schedule
     * @param broken        the invariants and SLOs the trial broke
     * @param schedule      the shrunk schedule, one line per fault
     * @param minimal       whether no single shrink step from it still fails (false: attempts or budget ran out)
     */
    public record Found(
            int n,
            String file,
            String report,
            int trial,
            long scheduleSeed,
            List<String> broken,
            int drawnFaults,
            List<String> schedule,
            int shrinkAttempts,
            int shrinkSteps,
            boolean minimal) {}
}
