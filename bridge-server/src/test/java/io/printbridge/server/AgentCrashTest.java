package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterServer;
import io.printbridge.server.testing.Bridge;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent process (bridge-agent's main, its durable journal, a network printer) killed
 * with SIGKILL after the receipt went to the printer and before it reported: the job must end
 * UNCERTAIN when the agent comes back, and the receipt must not print a second time.
 */
class AgentCrashTest {

    @TempDir
    Path dir;

    Bridge bridge;
    VirtualPrinter printer = new VirtualPrinter();
    VirtualPrinterServer printerServer;
    Process agent;

    @BeforeEach
    void start() throws Exception {
        bridge = new Bridge(dir, List.of("bejaia-06"));
        printerServer = VirtualPrinterServer.start(printer, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        printerServer.close();
        bridge.close();
    }

    @Test
    void agentKilledBetweenPrintingAndReportingLeadsToUncertainNotAReprint() throws Exception {
        Path config = agentConfig();
        agent = startAgentProcess(config);
        bridge.await("/api/v1/stores", s -> s.at("/stores/0/online").asBoolean(), Duration.ofSeconds(30));
        // Slow from here on: the receipt reaches the paper, then the status reads that follow
        // it take seconds, and the agent dies among them, before it can report.
        printer.delayPerWrite(Duration.ofMillis(700));
        String id = bridge.json(
                        bridge.post("/api/v1/stores/bejaia-06/jobs", ConnectionLifecycleTest.rawJob("ticket 77\n")))
                .get("id")
                .asText();
        assertThat(printer.awaitPrinted("ticket 77\n".length(), Duration.ofSeconds(20)))
                .isTrue();

        agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        printer.delayPerWrite(Duration.ZERO);
        agent = startAgentProcess(config);

        JsonNode job = bridge.await(
                "/api/v1/jobs/" + id, j -> j.get("state").asText().equals("UNCERTAIN"), Duration.ofSeconds(30));
        assertThat(job.at("/error/code").asText()).isEqualTo("INTERRUPTED");
        assertThat(job.at("/error/message").asText()).contains("whether it printed is unknown");
        Thread.sleep(500);
        assertThat(new String(printer.printed())).isEqualTo("ticket 77\n");
    }

    private Path agentConfig() throws Exception {
        var certs = bridge.certs();
        Path file = dir.resolve("agent.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "server.address=localhost:" + bridge.grpcPort(),
                        "tls.certificate=" + certs.agentCertificate("bejaia-06"),
                        "tls.key=" + certs.agentKey("bejaia-06"),
                        "tls.ca=" + certs.caCertificate(),
                        "data.dir=" + dir.resolve("agent-data"),
                        "status.poll-interval=1h",
                        "link.backoff-base=100ms",
                        "link.backoff-cap=500ms",
                        "printers=receipt",
                        "printer.receipt.transport=network",
                        "printer.receipt.network.host=127.0.0.1",
                        "printer.receipt.network.port=" + printerServer.port(),
                        "printer.receipt.status-timeout=2s",
                        ""));
        return file;
    }

    private Process startAgentProcess(Path config) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.printbridge.agent.AgentMain",
                        "run",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(
                        dir.resolve("agent-" + System.nanoTime() + ".log").toFile())
                .start();
    }
}
