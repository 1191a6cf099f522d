package io.chorus.harness.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chorus.harness.sim.SimulationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        try {
            Files.createDirectories(folder);
            String json = JSON.writeValueAsString(report);
            Files.writeString(folder.resolve("report.json"), json);
            Files.writeString(folder.resolve("junit.xml"), JunitReport.render(report));
            Files.writeString(folder.resolve("report.html"), HtmlReport.render(report, json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(SimulationReport report, Path folder) {
        try {
            Files.createDirectories(folder);
            String json = JSON.writeValueAsString(report);
            Files.writeString(folder.resolve("report.json"), json);
            Files.writeString(folder.resolve("junit.xml"), JunitReport.render(report));
            Files.writeString(folder.resolve("report.html"), SimulationPage.render(report, json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
