package io.chorus.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class TlsFactoryTest {
    /** A throwaway CA and a client certificate it signed (PKCS#12, password {@code test-only}), for tests only. */
    static String resource(String name) {
        try {
            return Path.of(TlsFactoryTest.class.getResource("/tls/" + name).toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static TlsFactory withTestCa() {
        TlsFactory tls = new TlsFactory();
        tls.setCaFile(resource("ca.pem"));
        return tls;
    }

    @Test
    void theEnginesCertificatesAreCheckedAgainstTheConfiguredCaOnly() throws Exception {
        TrustManager[] trust = withTestCa().trustManagers();

        X509Certificate[] issuers = ((X509TrustManager) trust[0]).getAcceptedIssuers();
        assertThat(Arrays.stream(issuers).map(c -> c.getSubjectX500Principal().getName()))
                .containsExactly("CN=chorus-test-ca");
    }

    @Test
    void withoutACaFileTheJvmsTrustStoreDecides() throws Exception {
        assertThat(new TlsFactory().trustManagers()).isNull();
        assertThat(new TlsFactory().sslContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void aKeyStoreIsTheServicesClientCertificate() throws Exception {
        TlsFactory tls = withTestCa();
        tls.setKeyStoreFile(resource("client.p12"));
        tls.setKeyStorePassword("test-only");

        KeyManager[] keys = tls.keyManagers();

        X509KeyManager manager = (X509KeyManager) keys[0];
        assertThat(manager.getCertificateChain("client")[0]
                        .getSubjectX500Principal()
                        .getName())
                .isEqualTo("CN=chorus-test-client");
        assertThat(tls.sslContext()).isNotNull();
    }

    @Test
    void aWrongKeyStorePasswordStopsTheStartUp() {
        TlsFactory tls = withTestCa();
        tls.setKeyStoreFile(resource("client.p12"));
        tls.setKeyStorePassword("wrong");

        assertThatThrownBy(tls::sslContext).hasMessageContaining("client.p12");
    }

    @Test
    void aMissingCaFileStopsTheStartUpNamingIt() {
        TlsFactory tls = new TlsFactory();
        tls.setCaFile("/nonexistent/ca.pem");

        assertThatThrownBy(tls::sslContext).hasMessageContaining("/nonexistent/ca.pem");
    }
}
