package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.IssuedCertificate;
import io.printbridge.certs.Validity;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Hello;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.streams.AgentStreams;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.LogCapture;
import io.printbridge.server.testing.RawAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates that are signed all right but must never be taken as a store: each is refused in
 * the TLS handshake, no call reaches the service, and the server writes one line naming the
 * peer and the reason. A foreign client holds them, as an attacker would.
 */
class RefusedCertificatesTest {

    private static final Validity DAY = Validity.fromNow(Duration.ofDays(1));

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("alger-01"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void anAgentCertificateIssuedByACaUnderTheStoreCaIsRefused() throws Exception {
        CertificateAuthority sub = bridge.certs().ca().issueSubordinateCa("shop IT's own CA", DAY);

        String line = assertRefusedAtHandshake("sub-ca-01", sub.issueAgent("sub-ca-01", DAY));

        assertThat(line)
                .contains("issued by \"CN=shop IT's own CA,O=printbridge\"")
                .contains(
                        "is not acceptable: it was issued by an intermediate CA under the store CA, which allows none (pathLen 0)");
    }

    @Test
    void anAgentCertificateMarkedAsCaIsRefused() throws Exception {
        String line =
                assertRefusedAtHandshake("ca-flag-01", bridge.certs().ca().issueAgentMarkedAsCa("ca-flag-01", DAY));

        assertThat(line).contains("is not acceptable: it is a CA certificate (basicConstraints CA:TRUE)");
    }

    @Test
    void anAgentCertificateWithoutClientAuthIsRefused() throws Exception {
        String line = assertRefusedAtHandshake(
                "no-client-01", bridge.certs().ca().issueAgentWithoutClientAuth("no-client-01", DAY));

        assertThat(line).contains("is not acceptable: its extended key usage is [serverAuth] (expected: clientAuth)");
    }

    @Test
    void anAgentCertificateWhoseKeyMayNotSignIsRefused() throws Exception {
        String line = assertRefusedAtHandshake(
                "no-signing-01",
                bridge.certs().ca().issueAgentWithoutDigitalSignature("no-signing-01", DAY),
                SslProvider.JDK);

        assertThat(line).contains("TLS handshake failed: the client certificate's key usage does not allow signing");
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        IssuedCertificate foreign = CertificateAuthority.create("someone else's CA", Duration.ofDays(1))
                .issueAgent("foreign-01", DAY);

        String line = assertRefusedAtHandshake("foreign-01", foreign);

        assertThat(line).contains("is not acceptable: it was not issued by the store CA");
    }

    @Test
    void aNewlineInARefusedCertificatesNameCannotForgeALogLine() throws Exception {
        // A common name holds at most 64 characters (RFC 5280): enough for a line a reader would believe.
        String forgedLine = "10:42:00.120 INFO  [main] i.p.s.g.AgentLinkService - forged";
        IssuedCertificate forged = CertificateAuthority.create("someone else's CA", Duration.ofDays(1))
                .issueAgent("forged-01", "x\n" + forgedLine, DAY);

        try (LogCapture serverLog = new LogCapture("io.printbridge.server")) {
            String line = assertRefusedAtHandshake("forged-01", forged, SslProvider.OPENSSL, serverLog);

            assertThat(line).doesNotContain("\n").contains("CN=x\\n" + forgedLine);
            // The channel may have dialled again before the test closed it: one such line per connection.
            assertThat(serverLog.messagesContaining("forged"))
                    .isNotEmpty()
                    .allSatisfy(message -> assertThat(message)
                            .startsWith("refused agent connection from ")
                            .doesNotContain("\n")
                            .doesNotContain("\r"));
        }
    }

    private static String assertRefusedAtHandshake(String storeId, IssuedCertificate certificate) throws Exception {
        return assertRefusedAtHandshake(storeId, certificate, SslProvider.OPENSSL);
    }

    private static String assertRefusedAtHandshake(String storeId, IssuedCertificate certificate, SslProvider tls)
            throws Exception {
        try (LogCapture serverLog = new LogCapture("io.printbridge.server")) {
            return assertRefusedAtHandshake(storeId, certificate, tls, serverLog);
        }
    }

    /** Dials with {@code certificate}; returns the one server line about the refusal. */
    private static String assertRefusedAtHandshake(
            String storeId, IssuedCertificate certificate, SslProvider tls, LogCapture serverLog) throws Exception {
        Path files = dir.resolve(storeId);
        Path pem = certificate.writePem(files, "agent");
        try (RawAgent agent = new RawAgent(
                bridge.grpcPort(),
                pem,
                files.resolve("agent.key"),
                bridge.certs().caCertificate(),
                tls)) {
            Status status = agent.connect(AgentMessage.newBuilder()
                            .setHello(Hello.newBuilder().setAgentVersion("forged"))
                            .build())
                    .awaitEnd(Duration.ofSeconds(10));

            assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(agent.next(Duration.ZERO)).isNull();
            String line = serverLog.await(agent.address(), Duration.ofSeconds(10));
            agent.close();
            assertThat(serverLog.messagesContaining(agent.address())).containsExactly(line);
            assertThat(line).startsWith("refused agent connection from " + agent.address() + ": ");
            assertThat(bridge.server().getBean(AgentStreams.class).find(storeId))
                    .isEmpty();
            assertThat(bridge.server().getBean(StoreDirectory.class).isKnown(storeId))
                    .isFalse();
            return line;
        }
    }
}
