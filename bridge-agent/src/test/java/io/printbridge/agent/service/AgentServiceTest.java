package io.printbridge.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.exec.FileExecutionJournal;
import io.printbridge.agent.exec.JournalInUseException;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service entry points as procrun's JVM mode calls them, driven here on Linux: {@code start}
 * on one thread runs the agent (it connects and prints), {@code stop} on another closes the stream
 * and the journal, and {@code start} then returns.
 */
class AgentServiceTest {

    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final VirtualPrinter printer = new VirtualPrinter();
    private VirtualPrinterServer printerServer;
    private TestBridgeServer server;

    @AfterEach
    void tearDown() {
        AgentService.stop(new String[0]); // in case a test failed with the service running
        if (server != null) {
            server.close();
        }
        if (printerServer != null) {
            printerServer.close();
        }
    }

    @Test
    void startRunsTheAgentUntilStopWhichClosesTheStreamAndTheJournal() throws Exception {
        Path config = configuredAgent();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread procrunStart = new Thread(
                () -> {
                    try {
                        AgentService.start(new String[] {"--config", config.toString()});
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "procrun-start");
        procrunStart.start();

        assertThat(AgentService.awaitStarted(GENEROUS)).isTrue();
        assertThat(TestBridgeServer.await(() -> server.welcomed() >= 1, GENEROUS))
                .as("the agent connected")
                .isTrue();
        server.print("job-1", "service receipt\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(TestBridgeServer.await(() -> server.resultFor("job-1"), GENEROUS))
                .isTrue();
        assertThat(new String(printer.printed(), StandardCharsets.US_ASCII)).contains("service receipt");
        Path journal = dir.resolve("data/journal");
        assertThatThrownBy(() -> FileExecutionJournal.open(journal, 10, false))
                .as("the running agent holds its journal")
                .isInstanceOf(JournalInUseException.class);
        assertThat(procrunStart.isAlive())
                .as("start does not return while the service runs")
                .isTrue();

        long stopping = System.nanoTime();
        AgentService.stop(new String[0]);
        Duration stopTook = Duration.ofNanos(System.nanoTime() - stopping);

        // A generous bound: procrun's --StopTimeout is 30 s; the stop takes well under a second here.
        assertThat(stopTook).isLessThan(Duration.ofSeconds(10));
        procrunStart.join(GENEROUS.toMillis());
        assertThat(procrunStart.isAlive()).as("start returned after stop").isFalse();
        assertThat(failure.get()).isNull();
        assertThat(TestBridgeServer.await(() -> server.ended() >= 1, GENEROUS))
                .as("the server saw the stream end")
                .isTrue();
        try (FileExecutionJournal reopened = FileExecutionJournal.open(journal, 10, false)) {
            // Closed and unlocked, with the job's outcome on disk: a restart will not print it again.
            assertThat(reopened.find("job-1")).isPresent();
        }
        assertThat(AgentService.running()).isNull();
    }

    @Test
    void aWrongSettingEndsTheStartWithStatus2AndLeavesNothingRunning() throws Exception {
        Path config = dir.resolve("agent.properties");
        Files.writeString(config, "printers=receipt\nprinter.receipt.transport=virtual\n");

        int status = AgentService.serve(new String[] {"--config", config.toString()}, Map.of());

        assertThat(status).isEqualTo(2);
        assertThat(AgentService.running()).isNull();
    }

    @Test
    void stopWithNoAgentRunningReturnsAtOnce() {
        AgentService.stop(new String[0]);

        assertThat(AgentService.running()).isNull();
    }

    @Test
    void argumentsOtherThanConfigAreRefusedNamingThem() {
        assertThatThrownBy(() -> AgentService.configFile(new String[] {"--confg", "x"}, Map.of()))
                .hasMessageContaining("[--confg, x]")
                .hasMessageContaining("expected: none, or --config FILE");
    }

    @Test
    void withoutArgumentsTheConfigurationComesFromTheEnvironment() {
        assertThat(AgentService.configFile(new String[0], Map.of("BRIDGE_AGENT_CONFIG", "C:/x/agent.properties")))
                .isEqualTo(Path.of("C:/x/agent.properties"));
    }

    /** A TLS stand-in server, a TCP virtual printer, and an agent configuration for both. */
    private Path configuredAgent() throws Exception {
        server = TestBridgeServer.start(Files.createDirectories(dir.resolve("certs")));
        printerServer = VirtualPrinterServer.start(printer, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Path config = dir.resolve("agent.properties");
        Files.writeString(
                config,
                server.agentProperties()
                        + "data.dir=data\n"
                        + "printers=receipt\n"
                        + "printer.receipt.transport=network\n"
                        + "printer.receipt.network.host=127.0.0.1\n"
                        + "printer.receipt.network.port=" + printerServer.port() + "\n"
                        + "printer.receipt.drawer=none\n");
        return config;
    }
}
