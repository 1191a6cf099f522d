package io.chorus.common.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.common.config.ConfigBlocks;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.nats.client.AuthHandler;
import io.nats.client.NKey;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsFactoryTest {
    private static final String URLS = "urls: [nats://nats-1:4222]\n";

    @Test
    void userAndPasswordComeFromTheEnvironment() throws Exception {
        NatsFactory nats = ConfigBlocks.read(
                NatsFactory.class,
                URLS + "user: chorus\npassword: ${CHORUS_NATS_PASSWORD}\n",
                Map.of("CHORUS_NATS_PASSWORD", "from-the-secret"));

        Options options = nats.options();

        assertThat(options.getUsername()).isEqualTo("chorus");
        assertThat(options.getPassword()).isEqualTo("from-the-secret");
        assertThat(options.getAuthHandler()).isNull();
    }

    @Test
    void anNkeySeedSignsTheServersChallengeAsItsPublicKey() throws Exception {
        NKey user = NKey.createUser(null);
        NatsFactory nats = ConfigBlocks.read(
                NatsFactory.class,
                URLS + "nkeySeed: ${CHORUS_NATS_NKEY_SEED}\n",
                Map.of("CHORUS_NATS_NKEY_SEED", new String(user.getSeed())));

        AuthHandler auth = nats.options().getAuthHandler();

        assertThat(auth.getID()).isEqualTo(user.getPublicKey());
        byte[] nonce = "nonce".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(user.verify(nonce, auth.sign(nonce))).isTrue();
        assertThat(nats.options().getUsername()).isNull();
    }

    @Test
    void aCredentialsFileGivesTheUserJwtAndItsKey(@TempDir Path dir) throws Exception {
        NKey user = NKey.createUser(null);
        Path creds = Files.writeString(
                dir.resolve("chorus.creds"),
                "-----BEGIN NATS USER JWT-----\neyJ0eXAiOiJKV1QifQ.e30.c2ln\n------END NATS USER JWT------\n\n"
                        + "-----BEGIN USER NKEY SEED-----\n" + new String(user.getSeed())
                        + "\n------END USER NKEY SEED------\n");
        NatsFactory nats = ConfigBlocks.read(NatsFactory.class, URLS + "credentialsFile: " + creds + "\n");

        AuthHandler auth = nats.options().getAuthHandler();

        assertThat(new String(auth.getJWT())).isEqualTo("eyJ0eXAiOiJKV1QifQ.e30.c2ln");
        assertThat(auth.getID()).isEqualTo(user.getPublicKey());
    }

    @Test
    void withoutCredentialsTheConnectionIsAnonymous() throws Exception {
        Options options = ConfigBlocks.read(NatsFactory.class, URLS).options();

        assertThat(options.getUsername()).isNull();
        assertThat(options.getAuthHandler()).isNull();
        assertThat(options.getSslContext()).isNull();
    }

    @Test
    void aTlsBlockTurnsTlsOn() throws Exception {
        NatsFactory nats = ConfigBlocks.read(NatsFactory.class, URLS + "tls: {}\n");

        assertThat(nats.options().getSslContext()).isNotNull();
        assertThat(nats.options().isTLSRequired()).isTrue();
    }

    @Test
    void aSecondConnectionAuthenticatesAsTheFirst() throws Exception {
        NatsFactory nats =
                ConfigBlocks.read(NatsFactory.class, URLS + "user: chorus\npassword: pw\ntls: {}\n", Map.of());

        Options second = nats.named("fanout-routing").options();

        assertThat(second.getUsername()).isEqualTo("chorus");
        assertThat(second.getPassword()).isEqualTo("pw");
        assertThat(second.getSslContext()).isNotNull();
    }

    @Test
    void twoWaysToAuthenticateAreRefused() {
        assertThatThrownBy(() -> ConfigBlocks.read(
                        NatsFactory.class, URLS + "user: chorus\npassword: pw\ncredentialsFile: /etc/x.creds\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("at most one");
    }

    @Test
    void aUserWithoutPasswordIsRefused() {
        assertThatThrownBy(() -> ConfigBlocks.read(NatsFactory.class, URLS + "user: chorus\n"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("user and password go together");
    }
}
