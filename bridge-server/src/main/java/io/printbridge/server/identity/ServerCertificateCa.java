package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.printbridge.certs.Fingerprints;
import io.printbridge.certs.Pem;
import io.printbridge.server.grpc.GrpcServerConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;

/**
 * Which CA signs the server's certificate: the one an enrolment code names (its last 12 symbols),
 * which the server sends after its own certificate so that an agent with no file yet can check the
 * server on first contact. It is the trusted store CA (of {@link StoreCas}) that signed the
 * certificate in {@code bridge.grpc.certificate}; during a CA rollover that stays the old CA until
 * IT replaces the server's certificate, and codes follow.
 *
 * <p>The file is read at each call: a code made after the certificate was replaced names the new CA.
 */
@Singleton
public final class ServerCertificateCa {

    private final GrpcServerConfig grpc;
    private final StoreCas cas;

    public ServerCertificateCa(GrpcServerConfig grpc, StoreCas cas) {
        this.grpc = requireNonNull(grpc, "grpc");
        this.cas = requireNonNull(cas, "cas");
    }

    /**
     * The CA certificate that signs the server's certificate.
     *
     * @throws IllegalStateException when the file cannot be read, or no trusted store CA signed the
     *     server's certificate (a code would then name a CA the agent never sees)
     */
    public X509Certificate certificate() {
        X509Certificate leaf = serverCertificate();
        return cas.signerOf(leaf)
                .filter(StoreCas.StoreCa::trusted)
                .map(StoreCas.StoreCa::certificate)
                .orElseThrow(() -> new IllegalStateException("bridge.grpc.certificate " + grpc.certificate()
                        + " is not signed by a trusted store CA (expected: a server certificate from a store CA"
                        + " that `bridge-server ca status` lists, which enrolment codes name)"));
    }

    /** SHA-256 of {@link #certificate()}. */
    public byte[] sha256() {
        return Fingerprints.sha256(certificate());
    }

    private X509Certificate serverCertificate() {
        try {
            return Pem.readCertificate(grpc.certificate());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "bridge.grpc.certificate " + grpc.certificate() + " cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "bridge.grpc.certificate " + grpc.certificate() + ": " + e.getMessage()
                            + " (expected: a PEM certificate)",
                    e);
        }
    }
}
