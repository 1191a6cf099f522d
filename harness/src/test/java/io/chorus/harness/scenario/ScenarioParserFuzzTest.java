package io.chorus.harness.scenario;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Fuzzes the parser (QuickTheories over arbitrary strings, and over shipped scenarios with random edits): whatever
 * the input, it returns a scenario or throws {@link InvalidScenario} with at least one error; never anything else.
 * (Coverage-guided fuzzing with Jazzer is {@link ScenarioParserJazzerTest}, run by {@code .ci/run}; see decision 0030.)
 */
class ScenarioParserFuzzTest {
    private final ScenarioParser parser = new ScenarioParser();

    private boolean parsesOrExplains(String text) {
        try {
            parser.parse("fuzz.yaml", text);
            return true;
        } catch (InvalidScenario e) {
            return !e.errors().isEmpty()
                    && e.errors().stream().allMatch(err -> !err.message().isBlank());
        }
    }

    @Test
    void arbitraryText() {
        qt().withExamples(1000)
                .forAll(strings().allPossible().ofLengthBetween(0, 200))
                .check(this::parsesOrExplains);
    }

    @Test
    void yamlLookingText() {
        Gen<String> tokens = integers().between(0, YAML_TOKENS.size() - 1).map(YAML_TOKENS::get);
        Gen<String> docs =
                tokens.zip(tokens, tokens, (a, b, c) -> a + b + c).zip(tokens, tokens, (abc, d, e) -> abc + d + e);
        qt().withExamples(1000).forAll(docs, docs).check((a, b) -> parsesOrExplains(a + "\n" + b));
    }

    @Test
    void shippedScenariosWithRandomEdits() throws Exception {
        List<String> files;
        try (var s = Files.list(Path.of("../scenarios"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml"))
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
        qt().withExamples(600)
                .forAll(
                        integers().between(0, files.size() - 1), integers().between(0, 100_000),
                        integers().between(0, 40), strings().allPossible().ofLengthBetween(0, 6))
                .check((f, at, cut, insert) -> {
                    String text = files.get(f);
                    int from = at % (text.length() + 1);
                    int to = Math.min(text.length(), from + cut);
                    return parsesOrExplains(text.substring(0, from) + insert + text.substring(to));
                });
    }

    private static final List<String> YAML_TOKENS = List.of(
            "name: a",
            "name:",
            "population:",
            "  users: 10",
            "  users: -1",
            "  shapes:",
            "    - group: g",
            "      kind: large-channels",
            "      members: 5",
            "      kind: busy-users",
            "      users: 99999999999999999999",
            "phases:",
            "  - name: p",
            "    rate: 1",
            "    rate: {from: 1, to: 2, step: 0, every: 1s}",
            "    duration: 1s",
            "    channels: all",
            "    channels: [g, x]",
            "slos:",
            "  - metric: send.latency.p95",
            "    max: 5ms",
            "    min: 1",
            "online: {users: 3, spread: weighted}",
            "stack: {natsNodes: 0}",
            "&a [*a]",
            "*b",
            "? [x]: y",
            "!!binary x",
            "- ",
            "{",
            "}",
            "[",
            "'",
            "\"",
            "---",
            "...",
            "%YAML 1.1",
            "\t",
            "key: &x {a: *x}",
            "  ",
            ":",
            "#");
}
