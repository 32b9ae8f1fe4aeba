package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.link.AgentLink;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.Validity;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.CommandSucceeded;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.LogCapture;
import io.printbridge.server.testing.RawAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only agents with a valid certificate from the store CA get a stream, and a store's stream only
 * ever carries that store's jobs.
 */
class AgentIdentityTest {

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("alger-01", "blida-03", "tizi-05"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void certificateFromAnotherCaIsRefusedWithALogLineOnBothSides() throws Exception {
        CertificateAuthority foreign = CertificateAuthority.create("someone else's CA", Duration.ofDays(1));
        Path foreignDir = dir.resolve("foreign");
        foreign.issueAgent("alger-01", Validity.fromNow(Duration.ofDays(1))).writePem(foreignDir, "agent");

        assertRefused(
                new TlsFiles(
                        foreignDir.resolve("agent.pem"),
                        foreignDir.resolve("agent.key"),
                        bridge.certs().caCertificate()),
                "is not acceptable: it was not issued by the store CA",
                "the server refused this agent's certificate: it was not issued by the store CA"
                        + " (its issuer: \"CN=someone else's CA,O=printbridge\")");
    }

    @Test
    void expiredCertificateIsRefusedWithALogLineOnBothSides() throws Exception {
        Instant now = Instant.now();
        Path expiredDir = dir.resolve("expired");
        bridge.certs()
                .ca()
                .issueAgent("alger-01", new Validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))))
                .writePem(expiredDir, "agent");

        List<String> serverLog = assertRefused(
                new TlsFiles(
                        expiredDir.resolve("agent.pem"),
                        expiredDir.resolve("agent.key"),
                        bridge.certs().caCertificate()),
                "is not acceptable",
                "the server refused this agent's certificate: it expired on ");
        assertThat(String.join("\n", serverLog)).containsIgnoringCase("expired");
    }

    @Test
    void certificateFromACaUnderTheStoreCaIsRefusedWithALogLineOnBothSides() throws Exception {
        Validity day = Validity.fromNow(Duration.ofDays(1));
        Path subDir = dir.resolve("sub-ca");
        bridge.certs()
                .ca()
                .issueSubordinateCa("shop IT's own CA", day)
                .issueAgent("alger-01", day)
                .writePem(subDir, "agent");

        assertRefused(
                new TlsFiles(
                        subDir.resolve("agent.pem"),
                        subDir.resolve("agent.key"),
                        bridge.certs().caCertificate()),
                "is not acceptable: it was issued by an intermediate CA under the store CA",
                "or was issued through an intermediate CA, which the store CA does not allow");
    }

    @Test
    void certificateMarkedAsCaIsRefusedWithALogLineOnBothSides() throws Exception {
        Path caFlagDir = dir.resolve("ca-flag");
        bridge.certs()
                .ca()
                .issueAgentMarkedAsCa("alger-01", Validity.fromNow(Duration.ofDays(1)))
                .writePem(caFlagDir, "agent");

        assertRefused(
                new TlsFiles(
                        caFlagDir.resolve("agent.pem"),
                        caFlagDir.resolve("agent.key"),
                        bridge.certs().caCertificate()),
                "is not acceptable: it is a CA certificate",
                "the server refused this agent's certificate: it is a CA certificate, not an agent certificate; ask IT");
    }

    @Test
    void certificateWithoutClientAuthIsRefusedWithALogLineOnBothSides() throws Exception {
        Path serverOnlyDir = dir.resolve("no-client-auth");
        bridge.certs()
                .ca()
                .issueAgentWithoutClientAuth("alger-01", Validity.fromNow(Duration.ofDays(1)))
                .writePem(serverOnlyDir, "agent");

        assertRefused(
                new TlsFiles(
                        serverOnlyDir.resolve("agent.pem"),
                        serverOnlyDir.resolve("agent.key"),
                        bridge.certs().caCertificate()),
                "is not acceptable: its extended key usage is [serverAuth]",
                "the server refused this agent's certificate: it is not meant for TLS clients (no clientAuth extended key usage)");
    }

    @Test
    void agentWithoutACertificateIsRefusedWithALogLineOnBothSides() throws Exception {
        assertRefused(
                new TlsFiles(null, null, bridge.certs().caCertificate()),
                "no client certificate",
                "no client certificate: this server accepts only agents with a certificate issued by the store CA");
    }

    @Test
    void aStoresAgentNeverReceivesAnotherStoresJobs() throws Exception {
        VirtualPrinter alger = new VirtualPrinter();
        VirtualPrinter blida = new VirtualPrinter();
        Agent algerAgent = Bridge.connected(bridge.startAgent("alger-01", alger));
        Agent blidaAgent = Bridge.connected(bridge.startAgent("blida-03", blida));
        try {
            for (int i = 0; i < 5; i++) {
                bridge.post(
                        "/api/v1/stores/blida-03/jobs?wait=10", ConnectionLifecycleTest.rawJob("blida " + i + "\n"));
            }

            assertThat(new String(blida.printed())).isEqualTo("blida 0\nblida 1\nblida 2\nblida 3\nblida 4\n");
            assertThat(alger.printed()).isEmpty();
        } finally {
            algerAgent.close();
            blidaAgent.close();
        }
    }

    @Test
    void aStoreCannotAnswerAnotherStoresJob() throws Exception {
        // tizi-05 is known but offline, so its job waits in the queue for the whole test.
        Bridge.connected(bridge.startAgent("tizi-05", new VirtualPrinter())).close();
        bridge.await(
                "/api/v1/stores",
                s -> s.findValues("online").stream().noneMatch(JsonNode::asBoolean),
                Duration.ofSeconds(5));
        String tiziJob = bridge.json(bridge.post("/api/v1/stores/tizi-05/jobs", ConnectionLifecycleTest.rawJob("x")))
                .get("id")
                .asText();

        try (LogCapture jobLog = new LogCapture("io.printbridge.server.streams.AgentStream");
                RawAgent agent = new RawAgent(
                        bridge.grpcPort(),
                        bridge.certs().agentCertificate("alger-01"),
                        bridge.certs().agentKey("alger-01"),
                        bridge.certs().caCertificate())) {
            agent.connect(AgentMessage.newBuilder()
                    .setHello(Hello.newBuilder().setAgentVersion("forged"))
                    .build());
            ServerMessage welcome = agent.next(Duration.ofSeconds(5));
            assertThat(welcome).as("the Welcome").isNotNull();
            assertThat(welcome.getWelcome().getStoreId()).isEqualTo("alger-01");

            agent.send(AgentMessage.newBuilder()
                    .setResult(CommandResult.newBuilder()
                            .setCommandId(tiziJob)
                            .setSucceeded(CommandSucceeded.newBuilder().setBytesWritten(1)))
                    .build());

            awaitLog(jobLog, "names no job waiting or in flight for store alger-01");
            assertThat(bridge.json(bridge.get("/api/v1/jobs/" + tiziJob))
                            .get("state")
                            .asText())
                    .isEqualTo("QUEUED");
        }
    }

    /** Starts an agent with {@code tls}, checks it never connects, and returns the server's log lines. */
    private static List<String> assertRefused(TlsFiles tls, String serverSays, String agentSays) throws Exception {
        try (LogCapture serverLog = new LogCapture("io.printbridge.server.grpc");
                LogCapture agentLog = new LogCapture("io.printbridge.agent.link.AgentLink")) {
            Agent agent = bridge.startAgent(tls, new VirtualPrinter(), bridge.grpcPort());
            try {
                awaitLog(serverLog, serverSays);
                awaitLog(agentLog, agentSays);
                assertThat(agent.link().state()).isNotEqualTo(AgentLink.State.CONNECTED);
                return serverLog.messages();
            } finally {
                agent.close();
            }
        }
    }

    private static void awaitLog(LogCapture log, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (log.messages().stream().noneMatch(m -> m.contains(fragment))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no log line containing \"" + fragment + "\"; saw: " + log.messages());
            }
            Thread.sleep(20);
        }
    }
}
