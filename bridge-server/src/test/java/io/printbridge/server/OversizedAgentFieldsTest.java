package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.CommandFailed;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterCapabilities;
import io.printbridge.proto.v1.ServerMessage;
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
 * An agent (a real certificate, hand-made messages) that sends more than any field can hold:
 * free text is cut and stored, identifiers out of bounds end the stream with a status that says
 * which field, how big and what limit; never a database write that fails.
 */
class OversizedAgentFieldsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("oran-01", "setif-02", "batna-03"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void aFailureMessageTooLongForItsColumnEndsTheJobFailedWithTheMessageCut() throws Exception {
        try (RawAgent agent = agent("oran-01")) {
            agent.connect(hello("host", receipt()));
            assertThat(agent.next(WAIT).hasWelcome()).isTrue();
            String jobId = bridge.json(bridge.post("/api/v1/stores/oran-01/jobs", ConnectionLifecycleTest.rawJob("x")))
                    .get("id")
                    .asText();
            ServerMessage command = agent.next(WAIT);
            assertThat(command.getCommand().getId()).isEqualTo(jobId);

            agent.send(AgentMessage.newBuilder()
                    .setResult(CommandResult.newBuilder()
                            .setCommandId(jobId)
                            .setFailed(CommandFailed.newBuilder()
                                    .setCode(FailureCode.FAILURE_CODE_PRINTER_ERROR)
                                    .setMessage("printer said: " + "E".repeat(2986))))
                    .build());

            JsonNode job = bridge.json(bridge.get("/api/v1/jobs/" + jobId + "?wait=10"));
            assertThat(job.get("state").asText()).isEqualTo("FAILED");
            String message = job.get("error").get("message").asText();
            assertThat(message).hasSize(1000).startsWith("printer said: EEE").endsWith("…(cut from 3000 characters)");
            assertThat(job.get("history")
                            .get(job.get("history").size() - 1)
                            .get("reason")
                            .asText())
                    .isEqualTo(message);
        }
    }

    @Test
    void aHelloWithAThousandPrintersIsRefusedWithTheFieldItsSizeAndTheLimit() throws Exception {
        Hello.Builder hello = Hello.newBuilder().setAgentVersion("forged");
        for (int i = 0; i < 1000; i++) {
            hello.addPrinters(Printer.newBuilder().setName("p" + i).setIsDefault(i == 0));
        }
        try (LogCapture serverLog = new LogCapture("io.printbridge.server");
                RawAgent agent = agent("setif-02")) {
            Status status = agent.connect(
                            AgentMessage.newBuilder().setHello(hello).build())
                    .awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(status.getDescription()).isEqualTo("Hello.printers: 1000 printers (expected: at most 16)");
            assertThat(agent.next(Duration.ZERO)).isNull();
            assertThat(serverLog.await("message refused", WAIT))
                    .contains("store setif-02")
                    .contains("RESOURCE_EXHAUSTED Hello.printers: 1000 printers (expected: at most 16)");
        }
        JsonNode stores = bridge.json(bridge.get("/api/v1/stores"));
        assertThat(stores.findValuesAsText("storeId")).doesNotContain("setif-02");
    }

    @Test
    void aTenKilobyteHostnameIsCutToItsColumn() throws Exception {
        try (LogCapture serverLog = new LogCapture("io.printbridge.server");
                RawAgent agent = agent("batna-03")) {
            agent.connect(hello("h".repeat(10_240), receipt()));

            assertThat(agent.next(WAIT).hasWelcome()).isTrue();
            JsonNode store = bridge.await(
                    "/api/v1/stores", s -> s.findValuesAsText("storeId").contains("batna-03"), WAIT);
            String hostname = store.findValues("hostname").stream()
                    .map(JsonNode::asText)
                    .filter(h -> h.startsWith("hhh"))
                    .findFirst()
                    .orElseThrow();
            assertThat(hostname).hasSize(255).endsWith("…(cut from 10240 characters)");
            assertThat(serverLog.await("Hello.hostname", WAIT))
                    .endsWith("Hello.hostname: 10240 characters (expected: at most 255); cut");
            assertThat(serverLog.messagesContaining("could not record")).isEmpty();
        }
    }

    @Test
    void aPrinterNameThatIsNoNameEndsTheStream() throws Exception {
        try (RawAgent agent = agent("oran-01")) {
            Status status = agent.connect(hello(
                            "host",
                            Printer.newBuilder()
                                    .setName("receipt\n10:00:00 INFO forged")
                                    .build()))
                    .awaitEnd(WAIT);

            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription())
                    .isEqualTo("Hello.printers[0].name: 28 characters,"
                            + " \"receipt\\n10:00:00 INFO forged\" (expected: 1 to 64 letters, digits, '-' or '_')");
        }
    }

    private static RawAgent agent(String storeId) throws Exception {
        return new RawAgent(
                bridge.grpcPort(),
                bridge.certs().agentCertificate(storeId),
                bridge.certs().agentKey(storeId),
                bridge.certs().caCertificate());
    }

    private static Printer receipt() {
        return Printer.newBuilder()
                .setName("receipt")
                .setIsDefault(true)
                .setCapabilities(PrinterCapabilities.newBuilder()
                        .setPaperWidthMm(80)
                        .setColumns(48)
                        .setDotsPerLine(576)
                        .setCodePageProfile("epson"))
                .build();
    }

    private static AgentMessage hello(String hostname, Printer printer) {
        return AgentMessage.newBuilder()
                .setHello(Hello.newBuilder()
                        .setAgentVersion("raw")
                        .setProtocolVersion(1)
                        .setHostname(hostname)
                        .addPrinters(printer))
                .build();
    }
}
