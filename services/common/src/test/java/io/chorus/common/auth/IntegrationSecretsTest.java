package io.chorus.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntegrationSecretsTest {
    @Test
    void aSecretMatchesItsHashAndNothingElseDoes() {
        String secret = IntegrationSecrets.newSecret();
        String hash = IntegrationSecrets.hash(secret);

        assertThat(hash).hasSize(64).doesNotContain(secret);
        assertThat(IntegrationSecrets.matches(secret, hash)).isTrue();
        assertThat(IntegrationSecrets.matches(secret + "x", hash)).isFalse();
        assertThat(IntegrationSecrets.matches(IntegrationSecrets.newSecret(), hash))
                .isFalse();
        assertThat(IntegrationSecrets.matches(null, hash)).isFalse();
        assertThat(IntegrationSecrets.matches(secret, null)).isFalse();
        assertThat(IntegrationSecrets.matches(secret, "not hex")).isFalse();
    }

    @Test
    void secretsAndIdsAreFreshAndSubjectSafe() {
        String secret = IntegrationSecrets.newSecret();
        assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(IntegrationSecrets.newSecret());
        assertThat(IntegrationSecrets.newId()).matches("[0-9a-f]{20}");
    }
}
