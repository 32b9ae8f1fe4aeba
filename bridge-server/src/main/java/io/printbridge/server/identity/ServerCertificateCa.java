package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.printbridge.certs.Fingerprints;
import io.printbridge.server.grpc.GrpcServerConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Which CA signs the server's certificate: the one an enrolment code names (its last 12 symbols)
 * and that the server sends after its own certificate, so that an agent with no file yet can
 * check the server on first contact. Today that is the store CA, {@code bridge.grpc.client-ca},
 * which signs {@code bridge.grpc.certificate}; the one place to change when the server's
 * certificate comes from another CA (a CA rollover).
 *
 * <p>The files are read at each call: a code made after they were replaced names the new CA.
 */
@Singleton
public final class ServerCertificateCa {

    private final GrpcServerConfig grpc;

    public ServerCertificateCa(GrpcServerConfig grpc) {
        this.grpc = requireNonNull(grpc, "grpc");
    }

    /**
     * The CA certificate that signs the server's certificate.
     *
     * @throws IllegalStateException when the files cannot be read, or the server's certificate is
     *     not signed by that CA (a code would then name a CA the agent never sees)
     */
    public X509Certificate certificate() {
        X509Certificate ca = read(grpc.clientCa()).get(0);
        X509Certificate leaf = read(grpc.certificate()).get(0);
        if (!signedBy(leaf, ca)) {
            throw new IllegalStateException("bridge.grpc.certificate " + grpc.certificate()
                    + " is not signed by the CA in bridge.grpc.client-ca " + grpc.clientCa()
                    + " (expected: a server certificate from the store CA, which enrolment codes name)");
        }
        return ca;
    }

    /** SHA-256 of {@link #certificate()}. */
    public byte[] sha256() {
        return Fingerprints.sha256(certificate());
    }

    /**
     * What the server presents in its handshake: its certificate (and any intermediates in the
     * file), then the CA that signs it when the file does not already end with it. A first-contact
     * agent finds the CA there and checks it against its code; agents that hold the CA file trust
     * it as before.
     */
    public List<X509Certificate> servedChain() {
        List<X509Certificate> chain = new ArrayList<>(read(grpc.certificate()));
        X509Certificate ca = read(grpc.clientCa()).get(0);
        X509Certificate last = chain.get(chain.size() - 1);
        if (!last.equals(ca) && signedBy(last, ca)) {
            chain.add(ca);
        }
        return List.copyOf(chain);
    }

    static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<X509Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IllegalStateException(file + ": no certificate (expected: PEM certificates)");
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + ": not PEM certificates (" + e.getMessage() + ")", e);
        }
    }
}
