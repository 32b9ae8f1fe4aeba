package io.printbridge.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.printbridge.certs.AgentCertificatePolicy.RefusedCertificateException;
import io.printbridge.certs.AgentCertificatePolicy.RefusedCertificateException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCertificatePolicyTest {

    private static final Validity DAY = Validity.fromNow(Duration.ofDays(1));

    private final CertificateAuthority storeCa = CertificateAuthority.create("store CA", Duration.ofDays(1));
    private final AgentCertificatePolicy policy = new AgentCertificatePolicy(storeCa.certificate());

    @Test
    void anAgentCertificateFromTheStoreCaIsAccepted() {
        IssuedCertificate agent = storeCa.issueAgent("alger-01", DAY);

        assertThatCode(() -> policy.check(chain(agent))).doesNotThrowAnyException();
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        IssuedCertificate foreign =
                CertificateAuthority.create("other CA", Duration.ofDays(1)).issueAgent("alger-01", DAY);

        assertRefused(chain(foreign), Problem.ISSUER, "it was not issued by the store CA");
    }

    @Test
    void aCertificateIssuedByACaUnderTheStoreCaIsRefusedAlthoughItsChainLeadsThere() {
        CertificateAuthority sub = storeCa.issueSubordinateCa("sub CA", DAY);
        IssuedCertificate agent = sub.issueAgent("alger-01", DAY);

        assertThat(agent.intermediates()).containsExactly(sub.certificate());
        assertRefused(
                chain(agent),
                Problem.ISSUER,
                "it was issued by an intermediate CA under the store CA, which allows none (pathLen 0)");
    }

    @Test
    void anAgentCertificateMarkedAsCaIsRefused() {
        assertRefused(
                chain(storeCa.issueAgentMarkedAsCa("alger-01", DAY)),
                Problem.PURPOSE,
                "it is a CA certificate (basicConstraints CA:TRUE); only end-entity agent certificates identify a store");
    }

    @Test
    void theStoreCasOwnCertificateIsRefused() {
        assertRefused(
                List.of(storeCa.certificate()),
                Problem.PURPOSE,
                "it is a CA certificate (basicConstraints CA:TRUE); only end-entity agent certificates identify a store");
    }

    @Test
    void aCertificateWithoutClientAuthIsRefused() {
        assertRefused(
                chain(storeCa.issueAgentWithoutClientAuth("alger-01", DAY)),
                Problem.PURPOSE,
                "its extended key usage is [serverAuth] (expected: clientAuth)");
    }

    @Test
    void theServersCertificateIsRefusedAsAnAgentsCertificate() {
        assertRefused(
                chain(storeCa.issueServer(List.of("localhost"), DAY)),
                Problem.PURPOSE,
                "its extended key usage is [serverAuth] (expected: clientAuth)");
    }

    @Test
    void aCertificateIssuedUnderASubordinateCaIsWrittenWithItsChain(@TempDir Path dir) throws Exception {
        CertificateAuthority sub = storeCa.issueSubordinateCa("sub CA", DAY);

        Path file = sub.issueAgent("alger-01", DAY).writePem(dir, "agent");

        try (var in = Files.newInputStream(file)) {
            assertThat(CertificateFactory.getInstance("X.509").generateCertificates(in))
                    .hasSize(2)
                    .element(1)
                    .isEqualTo(sub.certificate());
        }
    }

    private void assertRefused(List<X509Certificate> chain, Problem problem, String reason) {
        RefusedCertificateException refused =
                catchThrowableOfType(RefusedCertificateException.class, () -> policy.check(chain));
        assertThat(refused).hasMessage(reason);
        assertThat(refused.problem()).isEqualTo(problem);
    }

    private static List<X509Certificate> chain(IssuedCertificate issued) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(issued.certificate());
        chain.addAll(issued.intermediates());
        return chain;
    }
}
