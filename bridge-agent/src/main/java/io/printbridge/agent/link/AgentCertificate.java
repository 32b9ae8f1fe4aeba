package io.printbridge.agent.link;

import io.printbridge.certs.IssuedBy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * This agent's own certificate, as read from {@code tls.certificate}, and what the agent can tell
 * about it by itself. TLS 1.3 tells a refused client little (an alert, or a reset right after the
 * handshake), so when the server refuses the agent, these facts turn "handshake failed" into
 * "this certificate expired on …".
 */
final class AgentCertificate {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final @Nullable X509Certificate certificate;
    private final List<X509Certificate> trustedCas;

    AgentCertificate(@Nullable X509Certificate certificate, List<X509Certificate> trustedCas) {
        this.certificate = certificate;
        this.trustedCas = List.copyOf(trustedCas);
    }

    /** Nothing known: an agent without a certificate, or one whose files cannot be read here. */
    static AgentCertificate unknown() {
        return new AgentCertificate(null, List.of());
    }

    /** Reads the agent's certificate and the CA file; what cannot be read is simply not known. */
    static AgentCertificate read(TlsFiles tls) {
        List<X509Certificate> own = tls.certificate() == null ? List.of() : readAll(tls.certificate());
        return new AgentCertificate(own.isEmpty() ? null : own.get(0), readAll(tls.trustedCa()));
    }

    private static List<X509Certificate> readAll(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            return List.of();
        }
    }

    /** When the certificate stops being valid, written for a person. */
    Optional<String> expiry() {
        return certificate == null
                ? Optional.empty()
                : Optional.of(WHEN.format(certificate.getNotAfter().toInstant()));
    }

    /** The certificate's issuer, as the certificate names it. */
    Optional<String> issuer() {
        return certificate == null
                ? Optional.empty()
                : Optional.of(certificate.getIssuerX500Principal().getName());
    }

    /** What is wrong with the certificate as far as this agent can see, one clause each ("it expired on …"). */
    List<String> problems(Instant now) {
        X509Certificate own = certificate;
        if (own == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (now.isAfter(own.getNotAfter().toInstant())) {
            problems.add("it expired on " + WHEN.format(own.getNotAfter().toInstant()));
        }
        if (now.isBefore(own.getNotBefore().toInstant())) {
            problems.add(
                    "it is valid only from " + WHEN.format(own.getNotBefore().toInstant())
                            + " (or this PC's clock is wrong: it says " + WHEN.format(now) + ")");
        }
        if (own.getBasicConstraints() >= 0) {
            problems.add("it is a CA certificate, not an agent certificate");
        }
        if (!extendedKeyUsage(own).contains(CLIENT_AUTH)) {
            problems.add("it is not meant for TLS clients (no clientAuth extended key usage)");
        }
        if (!trustedCas.isEmpty() && trustedCas.stream().noneMatch(ca -> IssuedBy.ca(own, ca))) {
            problems.add("it was not issued by the CA in tls.ca");
        }
        return problems;
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
