package io.printbridge.certs;

import static java.util.Objects.requireNonNull;

import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What the server takes as a store agent's certificate, on top of what TLS's PKIX validation
 * checks (signatures, dates, a chain to the store CA): only an end-entity certificate meant for a
 * TLS client and signed by the store CA itself. {@link CertificateAuthority#issueAgent} issues
 * exactly that.
 *
 * <ul>
 *   <li>Issued by the store CA itself, through no intermediate CA: the store CA says pathLen 0.
 *       PKIX alone does not see it: the store CA is its trust anchor, and a trust anchor's own
 *       basicConstraints are not applied to the path (RFC 5280, 6.1.1), so a leaf minted by a CA
 *       under the store CA would pass as any store.</li>
 *   <li>Not a CA certificate (basicConstraints CA:TRUE): a CA's certificate does not identify a
 *       shop, whatever names it carries.</li>
 *   <li>Extended key usage clientAuth, present and explicit: PKIX accepts a certificate without
 *       the extension for any purpose, which would let a certificate made for something else
 *       (a server's) speak for a store.</li>
 * </ul>
 *
 * The reasons given name no text taken from the certificate: the caller logs the certificate's
 * names itself, made safe for a log line.
 */
public final class AgentCertificatePolicy {

    /** The extended key usage of TLS client certificates (RFC 5280, id-kp-clientAuth). */
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private static final Map<String, String> PURPOSE_NAMES = Map.of(
            "1.3.6.1.5.5.7.3.1",
            "serverAuth",
            CLIENT_AUTH,
            "clientAuth",
            "1.3.6.1.5.5.7.3.3",
            "codeSigning",
            "1.3.6.1.5.5.7.3.4",
            "emailProtection",
            "2.5.29.37.0",
            "anyExtendedKeyUsage");

    /** Why a certificate is refused; the message is a sentence for the log. */
    public static final class RefusedCertificateException extends CertificateException {
        private static final long serialVersionUID = 1L;

        /** What makes it unusable, for the TLS alert the refusal sends. */
        public enum Problem {
            /** Not issued by the store CA: another CA's, or under an intermediate CA. */
            ISSUER,
            /** Issued by the store CA, but not as an agent certificate (CA:TRUE, no clientAuth). */
            PURPOSE
        }

        private final Problem problem;

        public RefusedCertificateException(Problem problem, String reason) {
            super(reason);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private final X509Certificate storeCa;

    /** @param storeCa the store CA certificate: every agent certificate is signed by it directly */
    public AgentCertificatePolicy(X509Certificate storeCa) {
        this.storeCa = requireNonNull(storeCa, "storeCa");
    }

    /**
     * Checks the chain a client presented, its own certificate first.
     *
     * @throws RefusedCertificateException saying why, when it is not a store agent's certificate
     */
    public void check(List<X509Certificate> chain) throws RefusedCertificateException {
        if (chain.isEmpty()) {
            throw new RefusedCertificateException(
                    RefusedCertificateException.Problem.ISSUER, "no certificate was presented");
        }
        X509Certificate leaf = chain.get(0);
        if (!signedByStoreCa(leaf)) {
            throw new RefusedCertificateException(
                    RefusedCertificateException.Problem.ISSUER,
                    throughIntermediate(chain)
                            ? "it was issued by an intermediate CA under the store CA, which allows none (pathLen 0)"
                            : "it was not issued by the store CA");
        }
        if (leaf.getBasicConstraints() >= 0) {
            throw new RefusedCertificateException(
                    RefusedCertificateException.Problem.PURPOSE,
                    "it is a CA certificate (basicConstraints CA:TRUE); only end-entity agent certificates identify a store");
        }
        List<String> purposes = extendedKeyUsage(leaf);
        if (!purposes.contains(CLIENT_AUTH)) {
            throw new RefusedCertificateException(
                    RefusedCertificateException.Problem.PURPOSE,
                    purposes.isEmpty()
                            ? "it has no extended key usage (expected: clientAuth)"
                            : "its extended key usage is "
                                    + purposes.stream()
                                            .map(p -> PURPOSE_NAMES.getOrDefault(p, p))
                                            .toList() + " (expected: clientAuth)");
        }
    }

    private boolean signedByStoreCa(X509Certificate certificate) {
        return IssuedBy.ca(certificate, storeCa);
    }

    /** Whether the chain climbs to the store CA through another CA's certificate. */
    private boolean throughIntermediate(List<X509Certificate> chain) {
        return chain.stream().skip(1).anyMatch(this::signedByStoreCa);
    }

    private static List<String> extendedKeyUsage(X509Certificate certificate) {
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            return purposes == null ? List.of() : purposes;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
