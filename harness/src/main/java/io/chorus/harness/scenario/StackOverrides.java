package io.chorus.harness.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Settings of a scenario's {@code stack} section given on the command line ({@code harness run --set
 * stack.commandInstances=2}), so one scenario file measures several shapes side by side (with and without the
 * gateway, one or two command instances). The result is scenario text again: the parser judges an override exactly as
 * it judges the file, with the same messages.
 */
public final class StackOverrides {
    private static final String PREFIX = "stack.";

    private StackOverrides() {}

    /**
     * {@code text} with each {@code stack.KEY=VALUE} of {@code settings} set in its stack section (created if
     * missing), each value read as a YAML scalar ({@code 2}, {@code false}, {@code 96}).
     *
     * @throws IllegalArgumentException for a setting that is not {@code stack.KEY=VALUE}, or text that is not a
     *     mapping at its top
     */
    public static String apply(String text, List<String> settings) {
        if (settings.isEmpty()) {
            return text;
        }
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(block()), block());
        Object root = yaml.load(text);
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException("the scenario is not a mapping of sections");
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> scenario = (Map<Object, Object>) top;
        Map<Object, Object> stack = new LinkedHashMap<>();
        if (scenario.get("stack") instanceof Map<?, ?> existing) {
            existing.forEach(stack::put);
        }
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (!setting.startsWith(PREFIX) || eq <= PREFIX.length() || eq == setting.length() - 1) {
                throw new IllegalArgumentException(
                        "--set takes stack.KEY=VALUE (a key of the scenario's stack section), got '" + setting + "'");
            }
            stack.put(setting.substring(PREFIX.length(), eq), yaml.load(setting.substring(eq + 1)));
        }
        scenario.put("stack", stack);
        return yaml.dump(scenario);
    }

    private static DumperOptions block() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return options;
    }
}
