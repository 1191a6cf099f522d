package io.chorus.common.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS towards one engine ({@code tls:} in its block; absent means plain TCP). The engines' certificates are
 * checked against {@code caFile} (PEM, what a Kubernetes TLS Secret's {@code ca.crt} holds), or against the JVM's
 * own trust store when it is not set. {@code keyStoreFile} (PKCS#12) is this service's client certificate for engines
 * that require one (mutual TLS); its password is a secret, so write it as {@code ${NAME}}.
 */
public class TlsFactory {
    @JsonProperty
    private String caFile;

    @JsonProperty
    private String keyStoreFile;

    @JsonProperty
    private String keyStorePassword;

    /** Whether the engine's certificate must name the host dialled; off only for engines reached by IP address. */
    @JsonProperty
    private boolean verifyHostname = true;

    public String getCaFile() {
        return caFile;
    }

    public void setCaFile(String caFile) {
        this.caFile = caFile;
    }

    public String getKeyStoreFile() {
        return keyStoreFile;
    }

    public void setKeyStoreFile(String keyStoreFile) {
        this.keyStoreFile = keyStoreFile;
    }

    public void setKeyStorePassword(String keyStorePassword) {
        this.keyStorePassword = keyStorePassword;
    }

    public boolean isVerifyHostname() {
        return verifyHostname;
    }

    public void setVerifyHostname(boolean verifyHostname) {
        this.verifyHostname = verifyHostname;
    }

    /** The context every engine client is handed; a file that cannot be read stops the start-up naming it. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Null (the JVM's default) without a {@code caFile}. */
    TrustManager[] trustManagers() throws GeneralSecurityException {
        if (caFile == null) {
            return null;
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            trusted.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int index = 0;
        for (Certificate certificate : certificates(Path.of(caFile))) {
            trusted.setCertificateEntry("ca-" + index++, certificate);
        }
        if (index == 0) {
            throw new IllegalStateException("caFile " + caFile + " holds no certificate");
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    /** Null (no client certificate) without a {@code keyStoreFile}. */
    KeyManager[] keyManagers() throws GeneralSecurityException {
        if (keyStoreFile == null) {
            return null;
        }
        char[] password = keyStorePassword == null ? new char[0] : keyStorePassword.toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(keyStoreFile))) {
            keys.load(in, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keyStoreFile " + keyStoreFile, e);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        return factory.getKeyManagers();
    }

    private static Collection<? extends Certificate> certificates(Path file) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read caFile " + file, e);
        }
    }
}
