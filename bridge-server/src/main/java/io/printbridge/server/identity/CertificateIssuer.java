package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Issues agent certificates and records each one: at enrolment (for the store an enrolment code
 * names) and at renewal (for the store of the certificate in use). The only place certificates
 * are made, so every one the server issued is in {@code store_certificates}.
 */
@Singleton
public class CertificateIssuer {

    /** Why a certificate was issued. */
    public enum Origin {
        ENROLMENT,
        RENEWAL
    }

    /** A new certificate and the CA certificates to trust for the server with it. */
    public record Issued(X509Certificate certificate, List<X509Certificate> trusted) {}

    private final IssuingCa ca;
    private final StoreCertificateRepository certificates;
    private final CertificateStanding standing;
    private final Clock clock;

    public CertificateIssuer(
            IssuingCa ca, StoreCertificateRepository certificates, CertificateStanding standing, Clock clock) {
        this.ca = requireNonNull(ca, "ca");
        this.certificates = requireNonNull(certificates, "certificates");
        this.standing = requireNonNull(standing, "standing");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * A certificate for the key in {@code request}, recorded before it is handed out.
     *
     * @param hostname the PC that asked, for people (cut to 255 characters)
     * @throws IllegalArgumentException naming what is wrong with the request
     * @throws IllegalStateException when the server holds no issuing CA key
     */
    @Transactional
    public Issued issue(byte[] request, String storeId, Origin origin, String hostname) {
        Instant now = clock.instant();
        // One issuing CA for the certificate and its record, even if a rollover switches it meanwhile.
        IssuingCa.Signer signer = ca.current();
        X509Certificate certificate = ca.issue(signer, request, storeId, now);
        certificates.insert(
                serialOf(certificate),
                storeId,
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                now,
                origin.name(),
                signer.fingerprint(),
                hostname.length() > 255 ? hostname.substring(0, 255) : hostname);
        standing.issued(storeId, serialOf(certificate));
        return new Issued(certificate, ca.trusted());
    }

    /** A certificate's serial number as {@code store_certificates} keys it. */
    public static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }
}
