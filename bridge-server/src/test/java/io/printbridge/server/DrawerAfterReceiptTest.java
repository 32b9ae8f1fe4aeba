package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.agent.Agent;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.DrawerPin;
import io.printbridge.agent.printer.DrawerPulse;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.ExampleInvoices;
import io.printbridge.server.testing.TcpProxy;
import io.printbridge.server.webhooks.WebhookReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drawer after a cash sale, through the real server and agent: the pulse is the agent's own
 * action, on the till's configured pin, and only within the drawer's time to live from the job's
 * creation (1 s here, 15 s by default). A receipt that prints later leaves the drawer shut, and the
 * job, its events and its webhook say so.
 */
class DrawerAfterReceiptTest {

    private static final String SECRET = "drawer-test-webhook-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Bridge bridge;
    static WebhookReceiver webhooks;

    @BeforeAll
    static void start() throws Exception {
        webhooks = new WebhookReceiver(SECRET);
        bridge = new Bridge(
                dir,
                List.of("blida-01", "bejaia-02", "annaba-03", "medea-04", "tlemcen-05"),
                Map.of(
                        "bridge.jobs.drawer-time-to-live",
                        "1500ms",
                        "bridge.webhooks.erp.url",
                        webhooks.url(),
                        "bridge.webhooks.erp.secret",
                        SECRET,
                        "bridge.webhooks.erp.stores",
                        List.of("*")));
    }

    @AfterAll
    static void stop() {
        bridge.close();
        webhooks.close();
    }

    @Test
    void cashSaleOnATillWiredToPinFiveOpensTheDrawerOnPinFive() throws Exception {
        VirtualPrinter till = new VirtualPrinter();
        Bridge.connected(bridge.startAgent("blida-01", till, settings(DrawerPin.PIN_5, true)));

        JsonNode job = cashSale("blida-01", "?wait=15");

        assertThat(job.get("state").asText()).isEqualTo("DONE");
        assertThat(job.get("drawer").asText()).isEqualTo("OPENED");
        assertThat(till.drawerKicks()).containsExactly(new VirtualPrinter.DrawerKick(5, Duration.ofMillis(100)));
        assertThat(Instant.parse(job.get("drawerExpiresAt").asText()))
                .isEqualTo(Instant.parse(job.get("createdAt").asText()).plusMillis(1500));
        // Only the agent pulses: the rendered receipt carries no ESC p of its own (on pin 2 or any).
        assertThat(job.get("bytesWritten").asInt()).isLessThan(till.printed().length);
        assertThat(indexOf(till.printed(), 0x1B, 'p'))
                .isEqualTo(job.get("bytesWritten").asInt());
    }

    @Test
    void cashSaleQueuedForAnOfflineShopPrintsLaterWithTheDrawerShutAndSaysSo() throws Exception {
        VirtualPrinter till = new VirtualPrinter();
        Bridge.connected(bridge.startAgent("bejaia-02", new VirtualPrinter())).close(); // known, then offline
        bridge.await("/api/v1/stores", s -> storeOffline(s, "bejaia-02"), Duration.ofSeconds(5));
        String id = cashSale("bejaia-02", "").get("id").asText();
        assertThat(bridge.json(bridge.get("/api/v1/jobs/" + id)).get("drawer").asText())
                .isEqualTo("PENDING");
        Thread.sleep(2000); // the drawer's 1.5 s pass while the shop is offline; the receipt's 4 h do not

        Bridge.connected(bridge.startAgent("bejaia-02", till));
        JsonNode job =
                bridge.await("/api/v1/jobs/" + id, j -> j.get("state").asText().equals("DONE"), Duration.ofSeconds(15));

        assertThat(job.get("drawer").asText()).isEqualTo("EXPIRED");
        assertThat(till.printed()).isNotEmpty();
        assertThat(till.drawerKicks()).isEmpty();
        assertThat(job.get("history").findValuesAsText("reason"))
                .anySatisfy(reason -> assertThat(reason)
                        .contains("drawer not opened: the receipt printed after the drawer's time to live"));
        JsonNode hook = webhookFor(id);
        assertThat(hook.get("state").asText()).isEqualTo("DONE");
        assertThat(hook.get("drawer").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void cashSaleHeldUpInAStalledConnectionPastTheDrawersDeadlineNeverOpensIt() throws Exception {
        VirtualPrinter till = new VirtualPrinter();
        try (TcpProxy link = new TcpProxy(bridge.grpcPort())) {
            Agent agent = Bridge.connected(
                    bridge.startAgent(tls("annaba-03"), till, link.port(), settings(DrawerPin.PIN_2, true)));
            Thread.sleep(300);

            link.stall(true);
            String id = cashSale("annaba-03", "").get("id").asText();
            Thread.sleep(2000); // the command waits in the stalled link past the drawer's 1.5 s
            link.stall(false);

            JsonNode job = bridge.await(
                    "/api/v1/jobs/" + id, j -> j.get("state").asText().equals("DONE"), Duration.ofSeconds(15));
            assertThat(job.get("drawer").asText()).isEqualTo("EXPIRED");
            assertThat(till.printed()).isNotEmpty();
            assertThat(till.drawerKicks()).isEmpty();
            agent.close();
        }
    }

    @Test
    void printerWithoutADrawerPrintsTheSaleAndSaysItHasNoDrawer() throws Exception {
        VirtualPrinter kitchen = new VirtualPrinter();
        Bridge.connected(bridge.startAgent("medea-04", kitchen, settings(DrawerPin.PIN_2, false)));

        JsonNode job = cashSale("medea-04", "?wait=15");

        assertThat(job.get("state").asText()).isEqualTo("DONE");
        assertThat(job.get("drawer").asText()).isEqualTo("NO_DRAWER");
        assertThat(kitchen.drawerKicks()).isEmpty();
        assertThat(webhookFor(job.get("id").asText()).get("drawer").asText()).isEqualTo("NO_DRAWER");
    }

    @Test
    void rawReceiptMayAskForTheDrawerTooAndAJobThatDidNotAskHasNoDrawerField() throws Exception {
        VirtualPrinter till = new VirtualPrinter();
        Bridge.connected(bridge.startAgent("tlemcen-05", till, settings(DrawerPin.PIN_5, true)));

        JsonNode sale = bridge.json(bridge.post(
                "/api/v1/stores/tlemcen-05/jobs?wait=15",
                "{\"type\":\"raw\",\"data\":\"dGlja2V0Cg==\",\"openDrawer\":true}"));
        JsonNode plain = bridge.json(
                bridge.post("/api/v1/stores/tlemcen-05/jobs?wait=15", "{\"type\":\"raw\",\"data\":\"dGlja2V0Cg==\"}"));

        assertThat(sale.get("drawer").asText()).isEqualTo("OPENED");
        assertThat(plain.has("drawer")).isFalse();
        assertThat(till.drawerKicks()).hasSize(1);
    }

    private static JsonNode cashSale(String store, String query) throws Exception {
        HttpResponse<String> response = bridge.post(
                "/api/v1/stores/" + store + "/jobs" + query,
                "{\"type\":\"invoice\",\"openDrawer\":true,\"invoice\":" + ExampleInvoices.read("fr-cash-58mm.json")
                        + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return bridge.json(response);
    }

    private static boolean storeOffline(JsonNode stores, String id) {
        for (JsonNode store : stores.get("stores")) {
            if (store.get("storeId").asText().equals(id)) {
                return !store.get("online").asBoolean();
            }
        }
        return false;
    }

    private static JsonNode webhookFor(String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (WebhookReceiver.Request request : webhooks.requests()) {
                JsonNode body = JSON.readTree(request.bodyText());
                if (body.get("id").asText().equals(jobId)) {
                    return body;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no webhook for job " + jobId + " within 10 s");
    }

    private static TlsFiles tls(String store) throws Exception {
        return new TlsFiles(
                bridge.certs().agentCertificate(store),
                bridge.certs().agentKey(store),
                bridge.certs().caCertificate());
    }

    private static PrinterSettings settings(DrawerPin pin, boolean hasDrawer) {
        return new PrinterSettings(
                "receipt",
                true,
                80,
                "epson",
                true,
                hasDrawer,
                pin,
                DrawerPulse.DEFAULT,
                true,
                false,
                Duration.ofMillis(500));
    }

    private static int indexOf(byte[] data, int... pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if ((data[i + j] & 0xFF) != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
