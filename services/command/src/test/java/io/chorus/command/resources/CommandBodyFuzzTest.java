package io.chorus.command.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Request bodies, path parameters and Idempotency-Key headers of every command endpoint: never a 5xx. Under
 * {@code mvn test} Jazzer runs the seeds in {@code CommandBodyFuzzTestInputs/} (regression mode); to fuzz, run
 * with {@code JAZZER_FUZZ=1}. The QuickTheories property drives the same path with a few thousand random and
 * almost-valid inputs on every build.
 */
class CommandBodyFuzzTest {
    private static final CommandBodies BODIES = new CommandBodies();

    @FuzzTest(maxDuration = "60s")
    void bodiesNeverCauseA5xx(FuzzedDataProvider data) {
        int endpoint = data.consumeInt(0, CommandBodies.ENDPOINTS - 1);
        String pathParam = data.consumeString(80);
        String header = data.consumeBoolean() ? data.consumeString(200) : null;
        byte[] body = data.consumeRemainingAsBytes();
        assertThat(BODIES.status(endpoint, body, pathParam, header)).isBetween(200, 499);
    }

    @Test
    void arbitraryAndAlmostValidBodiesNeverCauseA5xx() {
        String[] templates = {
            "{\"name\":\"%s\",\"kind\":\"public\",\"members\":[\"%s\"]}",
            "{\"name\":\"%s\",\"topic\":\"%s\"}",
            "{\"userIds\":[\"%s\",\"%s\"],\"role\":\"member\"}",
            "{\"displayName\":\"%s%s\"}",
            "{\"clientMsgId\":\"%s\",\"text\":\"%s\"}",
            "{\"text\":\"%s%s\"}",
            "{\"emoji\":\"%s%s\"}",
            "%s%s"
        };
        qt().forAll(
                        integers().between(0, 100),
                        strings().allPossible().ofLengthBetween(0, 60),
                        strings().ascii().ofLengthBetween(0, 60))
                .checkAssert((endpoint, a, b) -> {
                    String body = String.format(templates[endpoint % templates.length], a, b);
                    int status =
                            BODIES.status(endpoint, body.getBytes(StandardCharsets.UTF_8), a, b.isEmpty() ? null : b);
                    assertThat(status).as(body).isBetween(200, 499);
                    assertThat(BODIES.status(endpoint, a.getBytes(StandardCharsets.UTF_8), "c1", null))
                            .isBetween(200, 499);
                });
    }

    @Test
    void validBodiesAreAccepted() {
        assertThat(BODIES.status(
                        5, "{\"clientMsgId\":\"m1\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8), "c1", null))
                .isEqualTo(202);
        assertThat(BODIES.status(
                        0, "{\"name\":\"n\",\"kind\":\"private\"}".getBytes(StandardCharsets.UTF_8), "x", "key-1"))
                .isEqualTo(202);
        assertThat(BODIES.status(5, "{\"clientMsgId\":\"m1\"".getBytes(StandardCharsets.UTF_8), "c1", null))
                .isEqualTo(400);
    }
}
