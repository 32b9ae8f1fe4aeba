package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.printer.DrawerPin;
import io.printbridge.agent.printer.DrawerPulse;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.ExampleInvoices;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invoice jobs through the real server and agent: the server renders each invoice for the printer
 * the agent reported (paper width, code page numbering, Arabic or not), and the printer gets
 * exactly those bytes.
 */
class InvoiceJobsTest {

    @TempDir
    static Path dir;

    static Bridge bridge;
    /** 80 mm, Epson numbering, PC864 available. */
    static final VirtualPrinter epson80 = new VirtualPrinter();
    /** 58 mm, Zjiang numbering. */
    static final VirtualPrinter zjiang58 = new VirtualPrinter();
    /** 80 mm printer with no Arabic code page: Arabic must come as raster images. */
    static final VirtualPrinter noArabic = new VirtualPrinter();

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("alger-01", "oran-02", "tizi-05"));
        Bridge.connected(bridge.startAgent("alger-01", epson80));
        Bridge.connected(bridge.startAgent("oran-02", zjiang58, settings(58, "zjiang", true)));
        Bridge.connected(bridge.startAgent("tizi-05", noArabic, settings(80, "epson", false)));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @BeforeEach
    void clear() {
        epson80.clear();
        zjiang58.clear();
        noArabic.clear();
    }

    static Stream<Path> examples() throws Exception {
        return ExampleInvoices.valid().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleInvoicePrintsOnEightyAndFiftyEightMillimetrePrinters(Path example) throws Exception {
        String invoice = Files.readString(example);

        JsonNode wide = printInvoice("alger-01", invoice, false);
        JsonNode narrow = printInvoice("oran-02", invoice, false);

        assertThat(wide.get("state").asText()).isEqualTo("DONE");
        assertThat(narrow.get("state").asText()).isEqualTo("DONE");
        assertThat(epson80.printed()).hasSize(wide.get("bytesWritten").intValue());
        assertThat(zjiang58.printed()).hasSize(narrow.get("bytesWritten").intValue());
        assertThat(textLines(zjiang58.printed()))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(32));
        assertThat(textLines(epson80.printed()))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(48));
        assertThat(epson80.printed()).startsWith(0x1B, '@');
        assertThat(endsWithCut(epson80.printed())).isTrue();
    }

    @Test
    void frenchInvoiceSelectsPc858OnEpsonAndPrintsTheAccentsAndTheTotalInWords() throws Exception {
        printInvoice("alger-01", ExampleInvoices.read("fr-cash-58mm.json"), false);

        // Line breaks fold to spaces: the sentence wraps at the paper's width.
        String text = new String(epson80.printed(), Charset.forName("IBM00858")).replace('\n', ' ');
        assertThat(indexOf(epson80.printed(), 0x1B, 't', 19)).isNotNegative();
        assertThat(text)
                .contains("Fée Maison")
                .contains("quatre mille cent cinquante-huit dinars et cinquante-sept centimes");
    }

    @Test
    void arabicInvoiceUsesTheCodePageNumberOfTheReportedPrinter() throws Exception {
        String invoice = ExampleInvoices.read("ar-card.json");

        printInvoice("alger-01", invoice, false);
        printInvoice("oran-02", invoice, false);

        assertThat(indexOf(epson80.printed(), 0x1B, 't', 37))
                .as("PC864 is table 37 on Epson")
                .isNotNegative();
        assertThat(indexOf(zjiang58.printed(), 0x1B, 't', 63))
                .as("PC864 is table 63 on Zjiang")
                .isNotNegative();
        assertThat(indexOf(zjiang58.printed(), 0x1B, 't', 37)).isNegative();
    }

    @Test
    void arabicOnAPrinterWithoutAnArabicCodePageArrivesAsRasterImages() throws Exception {
        printInvoice("tizi-05", ExampleInvoices.read("ar-card.json"), false);

        assertThat(indexOf(noArabic.printed(), 0x1D, 'v', '0'))
                .as("GS v 0 raster")
                .isNotNegative();
        assertThat(indexOf(noArabic.printed(), 0x1B, 't', 37)).isNegative();
    }

    @Test
    void cashSaleWithTheDrawerFlagPulsesTheDrawerAndWithoutItDoesNot() throws Exception {
        String invoice = ExampleInvoices.read("fr-cash-58mm.json");

        printInvoice("alger-01", invoice, false);
        assertThat(epson80.drawerKicks()).isEmpty();

        printInvoice("alger-01", invoice, true);
        assertThat(epson80.drawerKicks()).hasSize(1);
        assertThat(epson80.drawerKicks().get(0).pin()).isEqualTo(2);
    }

    @Test
    void invoiceJobHasAPreviewAsWideAsThePaper() throws Exception {
        JsonNode job = printInvoice("alger-01", ExampleInvoices.read("mixed-80mm-qr.json"), false);

        HttpResponse<byte[]> preview =
                bridge.getBytes("/api/v1/jobs/" + job.get("id").asText() + "/preview");

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("image/png"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(preview.body()));
        assertThat(image.getWidth()).isEqualTo(576);
        assertThat(image.getHeight()).isGreaterThan(576);
    }

    @Test
    void rawJobHasNoPreview() throws Exception {
        JsonNode job =
                bridge.json(bridge.post("/api/v1/stores/alger-01/jobs?wait=10", ConnectionLifecycleTest.rawJob("x\n")));

        HttpResponse<String> preview =
                bridge.get("/api/v1/jobs/" + job.get("id").asText() + "/preview");

        assertThat(preview.statusCode()).isEqualTo(404);
        assertThat(bridge.json(preview).at("/error/code").asText()).isEqualTo("NO_PREVIEW");
    }

    static Stream<Path> invalidExamples() throws Exception {
        return ExampleInvoices.invalid().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void everyInvalidExampleIsRefusedNamingTheFieldAndNothingPrints(Path example) throws Exception {
        String expectedField = switch (example.getFileName().toString()) {
            case "missing-number.json" -> "invoice.number";
            case "quantity-not-a-number.json" -> "invoice.lines[0].quantity";
            case "total-mismatch.json" -> "invoice.totals.total";
            case "unknown-currency.json" -> "invoice.currency";
            default -> throw new AssertionError("no expectation for " + example);
        };

        HttpResponse<String> response = bridge.post(
                "/api/v1/stores/alger-01/jobs", "{\"type\":\"invoice\",\"invoice\":" + Files.readString(example) + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = bridge.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("INVALID_INVOICE");
        assertThat(error.get("details").findValuesAsText("path")).contains(expectedField);
        assertThat(error.get("message").asText()).contains(expectedField);
        Thread.sleep(100);
        assertThat(epson80.printed()).isEmpty();
    }

    @Test
    void invoiceForAPrinterTheStoreDoesNotHaveIsRefusedNamingItsPrinters() throws Exception {
        HttpResponse<String> response = bridge.post(
                "/api/v1/stores/alger-01/jobs",
                "{\"type\":\"invoice\",\"printer\":\"kitchen\",\"invoice\":" + ExampleInvoices.read("fr-cash-58mm.json")
                        + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(bridge.json(response).at("/error/message").asText())
                .isEqualTo("printer: \"kitchen\" (expected: one of store alger-01's printers [receipt])");
    }

    private static JsonNode printInvoice(String store, String invoice, boolean openDrawer) throws Exception {
        HttpResponse<String> response = bridge.post(
                "/api/v1/stores/" + store + "/jobs?wait=15",
                "{\"type\":\"invoice\",\"openDrawer\":" + openDrawer + ",\"invoice\":" + invoice + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode job = bridge.json(response);
        assertThat(job.get("state").asText()).as(response.body()).isEqualTo("DONE");
        return job;
    }

    private static PrinterSettings settings(int paper, String codePages, boolean arabic) {
        return new PrinterSettings(
                "receipt",
                true,
                paper,
                codePages,
                arabic,
                true,
                DrawerPin.PIN_2,
                DrawerPulse.DEFAULT,
                true,
                false,
                Duration.ofMillis(500));
    }

    /**
     * The printable text between line feeds, skipping commands: a small decoder of its own for the
     * commands erp-core emits, so a line wider than the paper shows up here.
     */
    static List<String> textLines(byte[] data) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xFF;
            if (b == 0x0A) {
                lines.add(line.toString());
                line.setLength(0);
                i++;
            } else if (b == 0x1B) {
                int c = data[i + 1] & 0xFF;
                i += c == '@' ? 2 : c == 'p' ? 5 : 3;
            } else if (b == 0x1C) { // FS . : cancel Kanji
                i += 2;
            } else if (b == 0x1D) {
                int c = data[i + 1] & 0xFF;
                if (c == 'v') {
                    int width = (data[i + 4] & 0xFF) + 256 * (data[i + 5] & 0xFF);
                    int height = (data[i + 6] & 0xFF) + 256 * (data[i + 7] & 0xFF);
                    i += 8 + width * height;
                } else if (c == '(') {
                    i += 5 + (data[i + 3] & 0xFF) + 256 * (data[i + 4] & 0xFF);
                } else if (c == 'V') {
                    i += (data[i + 2] & 0xFF) >= 65 ? 4 : 3;
                } else {
                    i += 3;
                }
            } else {
                line.append((char) b);
                i++;
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private static boolean endsWithCut(byte[] data) {
        // GS V 66 n, possibly followed by the drawer pulse
        return indexOf(data, 0x1D, 'V', 66) >= data.length - 9;
    }

    static int indexOf(byte[] data, int... pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if ((data[i + k] & 0xFF) != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
