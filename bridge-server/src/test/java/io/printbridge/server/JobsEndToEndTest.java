package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Print, drawer and status jobs through the real server, stream and agent to a virtual printer. */
class JobsEndToEndTest {

    @TempDir
    static Path dir;

    static Bridge bridge;
    static final VirtualPrinter printer = new VirtualPrinter();

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("alger-01"));
        Bridge.connected(bridge.startAgent("alger-01", printer));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @BeforeEach
    void resetPrinter() {
        printer.clear();
        printer.paperOut(false).coverOpen(false).drawerOpen(false);
    }

    @Test
    void printedBytesArriveIntactIncludingARasterThatLooksLikeAStatusQuery() throws Exception {
        byte[] receipt = receipt();

        HttpResponse<String> response = bridge.post(
                "/api/v1/stores/alger-01/jobs?wait=10",
                "{\"type\":\"raw\",\"data\":\"" + Base64.getEncoder().encodeToString(receipt) + "\"}");

        JsonNode job = bridge.json(response);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        assertThat(job.get("bytesWritten").asLong()).isEqualTo(receipt.length);
        assertThat(response.headers().firstValue("Location"))
                .contains("/api/v1/jobs/" + job.get("id").asText());
        assertThat(printer.printed()).isEqualTo(receipt);
    }

    @Test
    void drawerJobPulsesTheConfiguredPin() throws Exception {
        JsonNode job = bridge.json(
                bridge.post("/api/v1/stores/alger-01/jobs?wait=10", "{\"type\":\"drawer\",\"pulseMs\":120}"));

        assertThat(job.get("state").asText()).isEqualTo("DONE");
        assertThat(printer.drawerKicks()).containsExactly(new VirtualPrinter.DrawerKick(2, Duration.ofMillis(120)));
        // ESC p m t1 t2: pin 2 is m=0, 120 ms ON is t1=60, OFF twice as long is t2=120.
        assertThat(printer.printed()).containsExactly(0x1B, 'p', 0, 60, 120);
    }

    @Test
    void statusJobReportsWhatThePrinterSays() throws Exception {
        printer.paperNearEnd(true).drawerOpen(true);
        try {
            JsonNode job = bridge.json(bridge.post("/api/v1/stores/alger-01/jobs?wait=10", "{\"type\":\"status\"}"));

            assertThat(job.get("state").asText()).isEqualTo("DONE");
            JsonNode status = job.get("printerStatus");
            assertThat(status.get("state").asText()).isEqualTo("READY");
            assertThat(status.get("paperNearEnd").asBoolean()).isTrue();
            assertThat(status.get("paperEnd").asBoolean()).isFalse();
            assertThat(status.get("drawer").asText()).isEqualTo("OPEN");
        } finally {
            printer.paperNearEnd(false);
        }
    }

    @Test
    void printOnAPrinterOutOfPaperFailsWithThatReasonAndPrintsNothing() throws Exception {
        printer.paperOut(true);

        JsonNode job = bridge.json(bridge.post(
                "/api/v1/stores/alger-01/jobs?wait=10",
                "{\"type\":\"raw\",\"data\":\"" + Base64.getEncoder().encodeToString(receipt()) + "\"}"));

        assertThat(job.get("state").asText()).isEqualTo("FAILED");
        assertThat(job.at("/error/code").asText()).isEqualTo("PAPER_OUT");
        assertThat(job.at("/error/message").asText()).contains("paper out on printer receipt");
        assertThat(printer.printed()).isEmpty();
    }

    @Test
    void whenPaperComesBackTheNextJobPrints() throws Exception {
        printer.paperOut(true);
        JsonNode refused =
                bridge.json(bridge.post("/api/v1/stores/alger-01/jobs?wait=10", ConnectionLifecycleTest.rawJob("A\n")));
        printer.paperOut(false);

        JsonNode printed =
                bridge.json(bridge.post("/api/v1/stores/alger-01/jobs?wait=10", ConnectionLifecycleTest.rawJob("B\n")));

        assertThat(refused.get("state").asText()).isEqualTo("FAILED");
        assertThat(printed.get("state").asText()).isEqualTo("DONE");
        assertThat(new String(printer.printed())).isEqualTo("B\n");
    }

    @Test
    void jobCanBeReadBackById() throws Exception {
        JsonNode created = bridge.json(bridge.post("/api/v1/stores/alger-01/jobs?wait=10", "{\"type\":\"status\"}"));

        JsonNode read =
                bridge.json(bridge.get("/api/v1/jobs/" + created.get("id").asText()));

        assertThat(read.get("id").asText()).isEqualTo(created.get("id").asText());
        assertThat(read.get("storeId").asText()).isEqualTo("alger-01");
        assertThat(read.get("type").asText()).isEqualTo("status");
        assertThat(read.get("state").asText()).isEqualTo("DONE");
        assertThat(read.get("history").findValuesAsText("state")).containsExactly("QUEUED", "SENT", "DONE");
    }

    @Test
    void storeListShowsTheStoreOnlineWithItsPrinter() throws Exception {
        JsonNode stores = bridge.json(bridge.get("/api/v1/stores"));

        JsonNode store = stores.get("stores").get(0);
        assertThat(store.get("storeId").asText()).isEqualTo("alger-01");
        assertThat(store.get("online").asBoolean()).isTrue();
        assertThat(store.at("/printers/0/name").asText()).isEqualTo("receipt");
        assertThat(store.at("/printers/0/paperWidthMm").asInt()).isEqualTo(80);
        assertThat(store.at("/printers/0/status/state").asText()).isEqualTo("READY");
    }

    /** A small French receipt: init, code page PC858, text, a raster whose pixels contain DLE EOT 1, cut. */
    static byte[] receipt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1B, '@', 0x1B, 't', 19});
        out.writeBytes("Fée Maison — Total 4 158,57 DA\n".getBytes(Charset.forName("IBM00858")));
        out.writeBytes(new byte[] {0x1D, 'v', '0', 0, 2, 0, 2, 0, 0x10, 0x04, 0x01, 0x7F});
        out.writeBytes(new byte[] {0x1D, 'V', 66, 0});
        return out.toByteArray();
    }
}
