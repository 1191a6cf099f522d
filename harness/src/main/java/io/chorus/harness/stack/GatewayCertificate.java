package io.chorus.harness.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's TLS identity: a self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with
 * {@code openssl} for each stack, so no key is shared between stacks or kept in the checkout. HAProxy reads the
 * certificate and its key from one PEM file.
 */
public final class GatewayCertificate {
    private static final Duration OPENSSL_TIMEOUT = Duration.ofMinutes(1);

    private GatewayCertificate() {}

    /** Makes the certificate in the run's config folder; returns the PEM file holding it and its key. */
    public static Path make(Path openssl, RunFolder run) {
        Path key = run.config("gateway-key.pem");
        Path certificate = run.config("gateway-cert.pem");
        Path pem = run.config("gateway.pem");
        try {
            Files.createDirectories(pem.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int exit = SystemCommand.exitCode(
                List.of(
                        openssl.toString(),
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-keyout",
                        key.toString(),
                        "-out",
                        certificate.toString(),
                        "-days",
                        "30",
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1"),
                OPENSSL_TIMEOUT);
        if (exit != 0) {
            throw new StackFailure("openssl could not make the gateway's certificate (exit " + exit + ")");
        }
        try {
            Files.writeString(pem, Files.readString(certificate) + Files.readString(key));
            Files.delete(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pem;
    }
}
