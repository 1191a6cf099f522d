package io.chorus.harness.explore;

import io.chorus.harness.nemesis.FaultSchedule;
import io.chorus.harness.nemesis.ScheduledFault;
import io.chorus.harness.stack.StackShape;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A found failure as a ready-to-run scenario: the explored scenario's own fields as its file has them (stack,
 * population, online, phases, SLOs), its stack's links proxied, and the shrunk schedule as its {@code faults:}.
 */
public final class FoundScenario {
    private static final int MAX_NAME = 63;

    private FoundScenario() {}

    /**
     * @param scenarioText the explored scenario file's text
     * @param header       comment lines put on top (how it was found), without their {@code #}
     */
    public static String yaml(String scenarioText, String name, FaultSchedule schedule, List<String> header) {
        Map<String, Object> scenario = new Yaml(new LoaderOptions()).load(scenarioText);
        Map<String, Object> out = new LinkedHashMap<>(scenario);
        out.put("name", name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name);
        Map<String, Object> stack = new LinkedHashMap<>(mapping(scenario.get("stack")));
        stack.put("links", StackShape.PROXIED);
        out.put("stack", stack);
        out.put("faults", schedule.faults().stream().map(FoundScenario::fault).toList());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(120);
        StringBuilder text = new StringBuilder();
        header.forEach(line -> text.append("# ").append(line).append('\n'));
        return text.append(new Yaml(options).dump(out)).toString();
    }

    private static Map<String, Object> fault(ScheduledFault f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", text(f.at()));
        if (f.until() != null) {
            m.put("duration", text(f.duration()));
        }
        m.put("kind", f.kind().yaml());
        m.put("target", f.target());
        if (!f.parameters().isEmpty()) {
            m.put("parameters", new java.util.TreeMap<>(f.parameters()));
        }
        return m;
    }

    /** A duration as a scenario file writes it: whole seconds as {@code 30s}, else milliseconds. */
    static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
