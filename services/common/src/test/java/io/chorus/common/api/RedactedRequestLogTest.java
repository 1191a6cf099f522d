package io.chorus.common.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactedRequestLogTest {
    private static final Set<String> TOKEN = Set.of("token");

    @Test
    void masksTheTokenWhereverItStands() {
        assertThat(RedactedRequestLog.redactQuery("token=eyJ.abc.def", TOKEN)).isEqualTo("token=REDACTED");
        assertThat(RedactedRequestLog.redactQuery("token=eyJ.abc.def&resume=r1.5", TOKEN))
                .isEqualTo("token=REDACTED&resume=r1.5");
        assertThat(RedactedRequestLog.redactQuery("resume=r1.5&token=eyJ.abc.def", TOKEN))
                .isEqualTo("resume=r1.5&token=REDACTED");
    }

    @Test
    void masksEveryCopyAndEncodedNames() {
        assertThat(RedactedRequestLog.redactQuery("token=a&token=b", TOKEN)).isEqualTo("token=REDACTED&token=REDACTED");
        assertThat(RedactedRequestLog.redactQuery("%74oken=secret", TOKEN)).isEqualTo("%74oken=REDACTED");
        assertThat(RedactedRequestLog.redactQuery("token=", TOKEN)).isEqualTo("token=REDACTED");
    }

    @Test
    void leavesOtherQueriesAlone() {
        assertThat(RedactedRequestLog.redactQuery(null, TOKEN)).isNull();
        assertThat(RedactedRequestLog.redactQuery("", TOKEN)).isEmpty();
        assertThat(RedactedRequestLog.redactQuery("tokens=x&mytoken=y&token", TOKEN))
                .isEqualTo("tokens=x&mytoken=y&token");
        assertThat(RedactedRequestLog.redactQuery("a=%zz&b", TOKEN)).isEqualTo("a=%zz&b");
    }

    @Test
    void everyServiceMasksTheOAuthParameterToo() {
        assertThat(RedactedRequestLog.redactQuery(
                        "access_token=eyJ.a.b&limit=5&%61ccess_token=eyJ.c.d&token=eyJ.e.f",
                        ServerConventions.TOKEN_PARAMETERS))
                .isEqualTo("access_token=REDACTED&limit=5&%61ccess_token=REDACTED&token=REDACTED");
    }

    @Test
    void masksAnIncomingWebhooksSecretInItsPath() {
        assertThat(RedactedRequestLog.redactPath("/v1/hooks/0a1b/s3cr3t-value")).isEqualTo("/v1/hooks/0a1b/REDACTED");
        assertThat(RedactedRequestLog.redactPath("/v1/hooks/0a1b/s3cr3t/more")).isEqualTo("/v1/hooks/0a1b/REDACTED");
        assertThat(RedactedRequestLog.redactPath("/v1/hooks/0a1b")).isEqualTo("/v1/hooks/0a1b");
        assertThat(RedactedRequestLog.redactPath("/v1/channels/c1/messages")).isEqualTo("/v1/channels/c1/messages");
        assertThat(RedactedRequestLog.redactPath(null)).isNull();
    }
}
