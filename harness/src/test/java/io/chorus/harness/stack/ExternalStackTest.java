package io.chorus.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalStackTest {
    /** The compose stack's description, shipped with the repository (compose/stack.json). */
    private static final Path COMPOSE_STACK =
            Path.of(System.getProperty("chorus.home", "..")).resolve("compose/stack.json");

    private static StackDescription composeStack() throws Exception {
        return RunFolder.JSON.readValue(COMPOSE_STACK.toFile(), StackDescription.class);
    }

    @Test
    void theComposeStackDescribesEveryServiceOfTheDefaultShape() throws Exception {
        StackDescription compose = composeStack();

        assertThat(compose.shape().natsNodes()).isEqualTo(StackShape.DEFAULT.natsNodes());
        assertThat(compose.shape().notificationInstances()).isEqualTo(StackShape.DEFAULT.notificationInstances());
        assertThat(compose.shape().directLinks()).isTrue();
        assertThat(compose.shape().gatewayEnabled()).isTrue();
        assertThat(compose.services().all())
                .extracting(StackDescription.Endpoint::name)
                .containsExactlyElementsOf(Topology.services(StackShape.DEFAULT).stream()
                        .map(ServiceProcess::name)
                        .toList());
        assertThat(compose.nats().urls()).hasSize(3);
        assertThat(compose.gateway().health()).endsWith(io.chorus.harness.stack.config.GatewayConfig.HEALTH_PATH);
    }

    @Test
    void theComposeStacksSecretIsReadFromTheEnvironment() throws Exception {
        StackDescription resolved = ExternalStack.withSecretFromEnvironment(
                composeStack(),
                Map.of("CHORUS_HMAC_SECRET", "a-secret-of-the-operators-own", "CHORUS_NATS_PASSWORD", "0a1b2c")::get,
                COMPOSE_STACK);

        assertThat(resolved.auth().hmacSecret()).isEqualTo("a-secret-of-the-operators-own");
        assertThat(resolved.services()).isEqualTo(composeStack().services());
    }

    @Test
    void anUnsetSecretVariableIsAClearError() {
        assertThatThrownBy(() -> ExternalStack.withSecretFromEnvironment(
                        composeStack(), Map.<String, String>of()::get, COMPOSE_STACK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHORUS_HMAC_SECRET")
                .hasMessageContaining("stack.json");
    }

    @Test
    void aSecretWrittenOutIsKept() throws Exception {
        StackDescription literal = composeStack().withAuth(new StackDescription.Auth("written-out"));

        assertThat(ExternalStack.withSecretFromEnvironment(literal, name -> "from-env", COMPOSE_STACK)
                        .auth()
                        .hmacSecret())
                .isEqualTo("written-out");
    }

    @Test
    void theComposeStacksNatsCredentialsAreReadFromTheEnvironment() throws Exception {
        StackDescription resolved = ExternalStack.withSecretFromEnvironment(
                composeStack(),
                Map.of("CHORUS_HMAC_SECRET", "a-secret-of-the-operators-own", "CHORUS_NATS_PASSWORD", "0a1b2c")::get,
                COMPOSE_STACK);

        assertThat(resolved.nats().urls())
                .containsExactly(
                        "nats://chorus:0a1b2c@127.0.0.1:4222",
                        "nats://chorus:0a1b2c@127.0.0.1:4223",
                        "nats://chorus:0a1b2c@127.0.0.1:4224");
        assertThat(resolved.nats().monitor()).isEqualTo(composeStack().nats().monitor());
    }

    @Test
    void anUnsetNatsPasswordIsAClearError() {
        assertThatThrownBy(() -> ExternalStack.withSecretFromEnvironment(
                        composeStack(), Map.of("CHORUS_HMAC_SECRET", "s")::get, COMPOSE_STACK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHORUS_NATS_PASSWORD")
                .hasMessageContaining("stack.json");
    }
}
