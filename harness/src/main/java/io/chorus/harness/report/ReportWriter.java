package io.chorus.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chorus.harness.sim.SimulationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Writes a report folder: {@code report.json}, {@code junit.xml} and {@code report.html}, of a run or of a
 * simulation.
 */
public final class ReportWriter {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public void write(RunReport report, Path folder) {
        write(folder, report, json -> JunitReport.render(report), json -> HtmlReport.render(report, json));
    }

    public void write(SimulationReport report, Path folder) {
        write(folder, report, json -> JunitReport.render(report), json -> SimulationPage.render(report, json));
    }

    private static void write(Path folder, Object report, UnaryOperator<String> junit, UnaryOperator<String> html) {
        try {
            Files.createDirectories(folder);
            String json = JSON.writeValueAsString(report);
            Files.writeString(folder.resolve("report.json"), json);
            Files.writeString(folder.resolve("junit.xml"), junit.apply(json));
            Files.writeString(folder.resolve("report.html"), html.apply(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
