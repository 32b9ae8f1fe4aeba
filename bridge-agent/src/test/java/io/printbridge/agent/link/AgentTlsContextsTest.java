package io.printbridge.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.printbridge.certs.DevCertificates;
import io.printbridge.certs.Validity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One TLS context, and so one session cache, for as long as the agent's files hold the same bytes. */
class AgentTlsContextsTest {

    @TempDir
    Path dir;

    @Test
    void theSameFilesGiveTheSameContextAndARenewedCertificateANewOne() throws Exception {
        DevCertificates certs = DevCertificates.create(dir, List.of("tlemcen-01"));
        TlsFiles files =
                new TlsFiles(certs.agentCertificate("tlemcen-01"), certs.agentKey("tlemcen-01"), certs.caCertificate());
        AgentTlsContexts contexts = new AgentTlsContexts();

        SslContext first = contexts.contextFor(files);
        assertThat(contexts.contextFor(files)).isSameAs(first);
        assertThat(first.sessionContext().getSessionTimeout())
                .as("sessions offered again for the server's ticket life, not Netty's 300 s")
                .isEqualTo((int) AgentTlsContexts.SESSION_LIFETIME.toSeconds());

        certs.issueAgent("tlemcen-01", Validity.fromNow(Duration.ofDays(30)));
        SslContext renewed = contexts.contextFor(files);

        assertThat(renewed).isNotSameAs(first);
        assertThat(contexts.contextFor(files)).isSameAs(renewed);
    }
}
