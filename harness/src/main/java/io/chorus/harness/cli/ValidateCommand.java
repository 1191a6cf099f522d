package io.chorus.harness.cli;

import io.chorus.harness.scenario.InvalidScenario;
import io.chorus.harness.scenario.Scenario;
import io.chorus.harness.scenario.ScenarioError;
import io.chorus.harness.scenario.ScenarioParser;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks scenario files without running them: every error with its file, line, field and "
                    + "what was expected.",
            "Exit 0 when every file is valid, 1 when any is not, 2 when the harness failed."
        })
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SCENARIO.yaml", description = "the scenario files to check")
    List<Path> files;

    @Override
    public Integer call() {
        ScenarioParser parser = new ScenarioParser();
        int invalid = 0;
        for (Path file : files) {
            try {
                Scenario s = parser.parse(file);
                System.out.printf(
                        "%s: valid (scenario %s: %d phases, %s, %d SLOs%s)%n",
                        file,
                        s.name(),
                        s.phases().size(),
                        s.totalDuration(),
                        s.slos().size(),
                        s.faults().isEmpty() ? "" : ", " + s.faults().faults().size() + " faults");
            } catch (InvalidScenario e) {
                invalid++;
                for (ScenarioError error : e.errors()) {
                    System.err.println(error);
                }
            }
        }
        return invalid == 0 ? 0 : 1;
    }
}
