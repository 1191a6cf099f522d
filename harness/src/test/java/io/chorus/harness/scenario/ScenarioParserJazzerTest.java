package io.chorus.harness.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Coverage-guided fuzzing of the scenario parser with Jazzer, seeded with the shipped scenarios (under
 * {@code src/test/resources/.../ScenarioParserJazzerTestInputs/fuzz}). It runs only with {@code JAZZER_FUZZ=1}
 * ({@code .ci/run} fuzzes for {@code maxDuration}): Jazzer's agent instruments every class loaded after it in the
 * test JVM, which would slow the rest of the module's unit tests several times over. The plain test run fuzzes the
 * parser with QuickTheories instead ({@link ScenarioParserFuzzTest}).
 * The contract: any input gives a scenario or {@link InvalidScenario} with a message; nothing else escapes.
 */
@EnabledIfEnvironmentVariable(named = "JAZZER_FUZZ", matches = ".+")
class ScenarioParserJazzerTest {
    private final ScenarioParser parser = new ScenarioParser();

    @FuzzTest(maxDuration = "60s")
    void fuzz(byte[] input) {
        String text = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        try {
            parser.parse("fuzz.yaml", text);
        } catch (InvalidScenario e) {
            assertThat(e.errors()).isNotEmpty();
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
