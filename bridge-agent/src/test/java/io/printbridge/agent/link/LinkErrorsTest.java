package io.printbridge.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.Validity;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** What the agent writes when the server refuses it, from the TLS alert and its own certificate. */
class LinkErrorsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Validity AROUND_NOW =
            new Validity(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));

    private final CertificateAuthority storeCa = CertificateAuthority.create("store CA", Duration.ofDays(3650));

    @Test
    void anExpiredCertificateIsNamedWithItsExpiryDateAndWhatToDo() {
        X509Certificate expired = storeCa.issueAgent(
                        "alger-01",
                        new Validity(Instant.parse("2025-11-01T00:00:00Z"), Instant.parse("2026-11-01T08:30:00Z")))
                .certificate();

        String why = errors(expired).explain(alert("SSLV3_ALERT_CERTIFICATE_EXPIRED"));

        assertThat(why)
                .startsWith("the server refused this agent's certificate: it expired on 2026-11-01 08:30 UTC; "
                        + "ask IT for a new enrolment code")
                .endsWith("[TLS alert certificate_expired]");
    }

    @Test
    void aCertificateFromAnotherCaIsNamedByItsIssuer() {
        X509Certificate foreign = CertificateAuthority.create("someone else's CA", Duration.ofDays(1))
                .issueAgent("alger-01", AROUND_NOW)
                .certificate();

        String why = errors(foreign).explain(alert("TLSV1_ALERT_UNKNOWN_CA"));

        assertThat(why)
                .startsWith("the server refused this agent's certificate: it was not issued by the store CA"
                        + " (its issuer: \"CN=someone else's CA,O=printbridge\")");
    }

    @Test
    void aCertificateThatIsNotAnAgentsSaysWhatItIsInstead() {
        X509Certificate markedAsCa =
                storeCa.issueAgentMarkedAsCa("alger-01", AROUND_NOW).certificate();

        String why = errors(markedAsCa).explain(alert("SSLV3_ALERT_UNSUPPORTED_CERTIFICATE"));

        assertThat(why)
                .startsWith(
                        "the server refused this agent's certificate: it is a CA certificate, not an agent certificate;");
    }

    @Test
    void aResetWithoutAnAlertStillNamesWhatIsWrongWithTheCertificate() {
        X509Certificate expired = storeCa.issueAgent(
                        "alger-01",
                        new Validity(Instant.parse("2025-11-01T00:00:00Z"), Instant.parse("2026-11-01T08:30:00Z")))
                .certificate();

        String why = errors(expired)
                .explain(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());

        assertThat(why)
                .isEqualTo(
                        "server unreachable: io exception; this agent's certificate may be why: it expired on 2026-11-01 08:30 UTC");
    }

    @Test
    void aServerCertificateThisAgentDoesNotTrustIsToldApartFromARefusal() {
        SSLHandshakeException failure =
                new SSLHandshakeException("error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED");
        failure.initCause(new CertificateException("PKIX path building failed"));

        String why = errors(storeCa.issueAgent("alger-01", AROUND_NOW).certificate())
                .explain(Status.UNAVAILABLE.withCause(failure).asRuntimeException());

        assertThat(why)
                .startsWith(
                        "this agent does not trust the server's certificate: PKIX path building failed (check that tls.ca");
    }

    @Test
    void theServersWordsAreMadeSafeForTheLog() {
        String why = new LinkErrors(AgentCertificate.unknown(), CLOCK)
                .explain(Status.PERMISSION_DENIED
                        .withDescription("no store\n10:00:00 INFO forged")
                        .asRuntimeException());

        assertThat(why).isEqualTo("the server refused this agent: no store\\n10:00:00 INFO forged");
    }

    private LinkErrors errors(X509Certificate own) {
        return new LinkErrors(new AgentCertificate(own, List.of(storeCa.certificate())), CLOCK);
    }

    private static RuntimeException alert(String name) {
        return Status.UNAVAILABLE
                .withDescription("io exception")
                .withCause(new SSLHandshakeException("error:10000415:SSL routines:OPENSSL_internal:" + name))
                .asRuntimeException();
    }
}
