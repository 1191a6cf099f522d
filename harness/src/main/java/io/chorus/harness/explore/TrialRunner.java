package io.chorus.harness.explore;

import io.chorus.harness.report.RunReport;
import io.chorus.harness.scenario.Scenario;
import java.nio.file.Path;

/** Runs one trial, a scenario with a drawn schedule, and returns its checked report, written into {@code folder}. */
@FunctionalInterface
public interface TrialRunner {
    RunReport run(Scenario trial, Path folder);
}
