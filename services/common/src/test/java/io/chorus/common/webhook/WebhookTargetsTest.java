package io.chorus.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {
    private final WebhookTargets production = new WebhookTargets(false);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com/chorus",
                "http://example.org:8080/x?y=1",
                "https://93.184.216.34/in",
                "https://[2606:2800:220:1:248:1893:25c8:1946]/in"
            })
    void publicHttpUrlsAreAccepted(String url) {
        assertThat(production.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/x",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "https://user:pw@example.com/x",
                "not a url",
                "/relative/path",
                "http://localhost:8080/x",
                "http://api.localhost/x",
                "http://127.0.0.1/x",
                "http://169.254.169.254/latest/meta-data/",
                "http://metadata.google.internal/computeMetadata/v1/",
                "http://10.0.0.5/x",
                "http://172.16.1.1/x",
                "http://192.168.1.1/x",
                "http://100.64.0.1/x",
                "http://0.0.0.0/x",
                "http://[::1]/x",
                "http://[fe80::1]/x",
                "http://[fd00::1]/x",
                "http://224.0.0.1/x"
            })
    void otherSchemesAndAddressesInsideTheDeploymentAreRefused(String url) {
        assertThat(production.refusal(url)).isPresent();
    }

    @Test
    void aLocalStackMayUseLoopbackButNeverTheMetadataService() {
        WebhookTargets local = new WebhookTargets(true);
        assertThat(local.refusal("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(local.refusal("http://localhost:9000/hook")).isEmpty();
        assertThat(local.refusal("http://169.254.169.254/latest/meta-data/")).isPresent();
        assertThat(local.refusal("http://metadata.google.internal/")).isPresent();
    }
}
