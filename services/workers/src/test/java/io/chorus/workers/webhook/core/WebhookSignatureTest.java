package io.chorus.workers.webhook.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vectors from the Standard Webhooks repository's library tests (the "sign function works" case). */
class WebhookSignatureTest {
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheSpecificationsVector() {
        assertThat(WebhookSignature.sign(WebhookSecret.parse(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void whileASecretRotatesEverySecretSignsSpaceSeparated() {
        WebhookSecret fresh = WebhookSecret.generate();
        String header = WebhookSignature.header(
                List.of(fresh, WebhookSecret.parse(SPEC_SECRET)), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

        assertThat(header.split(" "))
                .containsExactly(WebhookSignature.sign(fresh, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY), SPEC_SIGNATURE);
    }

    @Test
    void anyChangeToIdTimestampOrBodyChangesTheSignature() {
        WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);
        assertThat(WebhookSignature.sign(secret, SPEC_ID + "x", SPEC_TIMESTAMP, SPEC_BODY))
                .isNotEqualTo(SPEC_SIGNATURE);
        assertThat(WebhookSignature.sign(secret, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY))
                .isNotEqualTo(SPEC_SIGNATURE);
        assertThat(WebhookSignature.sign(
                        secret, SPEC_ID, SPEC_TIMESTAMP, "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void anIdWithADotIsRefused() {
        assertThatThrownBy(() -> WebhookSignature.header(
                        List.of(WebhookSecret.parse(SPEC_SECRET)), "msg.1", SPEC_TIMESTAMP, SPEC_BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretsOutsideTheSpecificationAreRefused() {
        assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_c2hvcnQ=")).hasMessageContaining("24 to 64");
    }

    @Test
    void aSecretRoundTripsAndNeverPrintsItsKey() {
        WebhookSecret secret = WebhookSecret.generate();
        assertThat(WebhookSecret.parse(secret.serialized())).isEqualTo(secret);
        assertThat(secret.toString()).doesNotContain(secret.serialized().substring(6));
    }
}
