package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Heartbeat;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterState;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.proto.v1.PrinterStatusChanged;
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

/** What an agent's messages write into the server's log: nothing forged, no flood. */
class AgentLogLinesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("tlemcen-01", "bejaia-02"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void aNewlineInAnAgentsHostnameCannotForgeALogLine() throws Exception {
        try (LogCapture serverLog = new LogCapture("io.printbridge.server");
                RawAgent agent = agent("tlemcen-01")) {
            agent.connect(hello("till\n10:00:00.000 INFO  [main] i.p.s.g.AgentLinkService - store alger-01 connected"));

            assertThat(agent.next(WAIT).hasWelcome()).isTrue();
            String line = serverLog.await("connected: agent", WAIT);
            assertThat(line).doesNotContain("\n").contains("host till\\n10:00:00.000 INFO");
        }
    }

    @Test
    void aPrinterThatFlapsWritesOneLineNotOnePerChange() throws Exception {
        try (LogCapture serverLog = new LogCapture("io.printbridge.server");
                RawAgent agent = agent("bejaia-02")) {
            agent.connect(hello("till"));
            assertThat(agent.next(WAIT).hasWelcome()).isTrue();

            for (int i = 0; i < 50; i++) {
                agent.send(AgentMessage.newBuilder()
                        .setStatusChanged(PrinterStatusChanged.newBuilder()
                                .setPrinter("receipt")
                                .setStatus(PrinterStatus.newBuilder()
                                        .setState(
                                                i % 2 == 0
                                                        ? PrinterState.PRINTER_STATE_NOT_READY
                                                        : PrinterState.PRINTER_STATE_READY)
                                        .setDetail(i % 2 == 0 ? "paper out" : "ready")))
                        .build());
            }
            // A heartbeat's echo comes after the server has handled every change sent before it.
            agent.send(AgentMessage.newBuilder()
                    .setHeartbeat(Heartbeat.newBuilder().setSequence(1))
                    .build());
            assertThat(agent.next(WAIT).hasHeartbeatEcho()).isTrue();

            assertThat(serverLog.messagesContaining("printer receipt"))
                    .containsExactly("printer receipt of store bejaia-02 is now paper out");
        }
    }

    @Test
    void aStopSumsUpItsClosedStreamsInOneLineInsteadOfALineEach() throws Exception {
        try (LogCapture serverLog = new LogCapture("io.printbridge.server");
                RawAgent first = agent("tlemcen-01");
                RawAgent second = agent("bejaia-02")) {
            first.connect(hello("till"));
            second.connect(hello("till"));
            assertThat(first.next(WAIT).hasWelcome()).isTrue();
            assertThat(second.next(WAIT).hasWelcome()).isTrue();

            // This test's two streams, by their numbers: a stream of the test before may still log
            // its close (at INFO, the server not stopping yet) after this capture began.
            List<String> ours = serverLog.messagesContaining(" connected: ").stream()
                    .map(line -> line.replaceAll(".* (stream #\\d+) .*", "$1 "))
                    .toList();
            assertThat(ours).hasSize(2);

            bridge.stopServer();
            try {
                assertThat(serverLog.messagesContaining(" closed: ").stream()
                                .filter(line -> ours.stream().anyMatch(line::contains)))
                        .isEmpty();
                assertThat(serverLog.messagesContaining("while stopping:"))
                        .containsExactly(
                                "while stopping: 2 agent stream(s) closed; 0 job(s) sent on them queued again for 0"
                                        + " store(s)");
            } finally {
                bridge.startServer();
            }
        }
    }

    private static RawAgent agent(String storeId) throws Exception {
        return new RawAgent(
                bridge.grpcPort(),
                bridge.certs().agentCertificate(storeId),
                bridge.certs().agentKey(storeId),
                bridge.certs().caCertificate());
    }

    private static AgentMessage hello(String hostname) {
        return AgentMessage.newBuilder()
                .setHello(Hello.newBuilder()
                        .setAgentVersion("raw")
                        .setProtocolVersion(1)
                        .setHostname(hostname)
                        .addPrinters(Printer.newBuilder().setName("receipt").setIsDefault(true)))
                .build();
    }
}
