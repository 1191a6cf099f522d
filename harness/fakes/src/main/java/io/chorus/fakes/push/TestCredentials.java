package io.chorus.fakes.push;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The test-only credentials under {@code src/test/resources/push} (see its README), shared with the harness's push
 * ITs through this module's test-jar. Services read them as files, so each is copied once into a temporary folder.
 */
public final class TestCredentials {
    private static Path folder;

    private TestCredentials() {}

    /** The credential as a file a service configuration can name. */
    public static synchronized Path file(String name) throws Exception {
        if (folder == null) {
            folder = java.nio.file.Files.createTempDirectory("chorus-push-credentials");
            folder.toFile().deleteOnExit();
        }
        Path copy = folder.resolve(name);
        if (!java.nio.file.Files.exists(copy)) {
            try (InputStream in = TestCredentials.class.getResourceAsStream("/push/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no test credential " + name);
                }
                java.nio.file.Files.copy(in, copy);
            }
            copy.toFile().deleteOnExit();
        }
        return copy;
    }

    public static PrivateKey pkcs8(String name, String algorithm) throws Exception {
        String pem = java.nio.file.Files.readString(file(name));
        return KeyFactory.getInstance(algorithm)
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                        .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
    }

    /** A server SSL context presenting the localhost certificate. */
    public static SSLContext serverContext() throws Exception {
        Certificate certificate;
        try (InputStream in = java.nio.file.Files.newInputStream(file("server.pem"))) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = "test".toCharArray();
        keys.setKeyEntry("server", pkcs8("server-key.pem", "RSA"), password, new Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }
}
