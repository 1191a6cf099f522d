package io.chorus.harness.cli;

import io.chorus.harness.report.ReportComparison;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the metrics of two runs' report.json files and prints a regression table.",
            "A metric regressed when it got worse (in its own direction: lower latency, higher rate) by more "
                    + "than the tolerance relative to OLD; from 0, any worsening regresses.",
            "Exit 0 without regressions, 1 with any, 2 when a report cannot be read."
        })
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD/report.json")
    Path old;

    @Parameters(index = "1", paramLabel = "NEW/report.json")
    Path now;

    @Option(
            names = "--tolerance",
            defaultValue = "0.10",
            description = "relative worsening allowed for every metric (${DEFAULT-VALUE} = 10%%)")
    double tolerance;

    @Option(
            names = "--metric-tolerance",
            paramLabel = "METRIC=TOLERANCE",
            description = "a tolerance for one metric, e.g. send.latency.p99=0.25 (repeatable)")
    Map<String, Double> perMetric = Map.of();

    @Override
    public Integer call() {
        ReportComparison comparison = new ReportComparison(tolerance, perMetric);
        var rows = comparison.compare(ReportComparison.metrics(old), ReportComparison.metrics(now));
        System.out.print(ReportComparison.table(rows));
        boolean regressed = ReportComparison.regressed(rows);
        System.out.println(regressed ? "regressed" : "no regression");
        return regressed ? 1 : 0;
    }
}
