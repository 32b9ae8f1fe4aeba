package io.printbridge.certs;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * Whether a CA issued a certificate: its subject is the certificate's issuer and its key verifies
 * the certificate's signature. No dates, no purposes: where those matter, the PKIX checks and
 * {@link AgentCertificatePolicy} judge; this only picks which of several known CAs a certificate
 * comes from (the server's chain, an agent's CA bundle, a store CA's certificates).
 */
public final class IssuedBy {

    private IssuedBy() {}

    public static boolean ca(X509Certificate certificate, X509Certificate ca) {
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
}
