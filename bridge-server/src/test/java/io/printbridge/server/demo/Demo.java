package io.printbridge.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.printbridge.agent.Agent;
import io.printbridge.agent.AgentMain;
import io.printbridge.agent.exec.InMemoryExecutionJournal;
import io.printbridge.agent.link.LinkSettings;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.EscPosConsoleRenderer;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import io.printbridge.certs.DevCertificates;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.grpc.AgentLinkServer;
import io.printbridge.server.identity.EnrolmentCodes;
import io.printbridge.server.identity.NewEnrolmentCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The product's main job on its embedded defaults, end to end on this machine: a throwaway CA and
 * certificates, the server (REST on 8080, agents' gRPC with mutual TLS on 8443), a shop agent with
 * a virtual printer dialling out to it, and an ERP call for each kind of job. Run by
 * {@code mvn -Pdemo -DskipTests verify}; everything it writes goes to {@code bridge-server/target/demo}.
 */
public final class Demo {

    private static final String STORE = "demo-store";
    private static final String DASHBOARD_USER = "demo";

    private Demo() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/demo").toAbsolutePath();
        int httpPort = Integer.getInteger("demo.http.port", 8080);
        int grpcPort = Integer.getInteger("demo.grpc.port", 8443);
        boolean keepRunning = Boolean.getBoolean("demo.keepRunning");
        Files.createDirectories(dir);

        say("1. Throwaway certificates (store CA and the server's) in " + dir.resolve("certs")
                + "; the shop's comes from enrolment, below");
        DevCertificates certs = DevCertificates.create(dir.resolve("certs"), List.of());
        String token = randomToken();
        Files.writeString(dir.resolve("api-token.txt"), token + "\n");

        say("2. Server: REST API on http://localhost:" + httpPort + ", agents' gRPC (mutual TLS 1.3) on port "
                + grpcPort);
        ApplicationContext server = ApplicationContext.run(
                        EmbeddedServer.class,
                        Map.of(
                                "micronaut.server.port", httpPort,
                                "bridge.grpc.port", grpcPort,
                                "bridge.grpc.certificate",
                                        certs.serverCertificate().toString(),
                                "bridge.grpc.key", certs.serverKey().toString(),
                                "bridge.grpc.client-ca", certs.caCertificate().toString(),
                                "bridge.identity.ca-key", certs.caKey().toString(),
                                "bridge.identity.agent-address", "localhost:" + grpcPort,
                                "bridge.api.tokens.demo-erp.sha256", ApiTokens.sha256(token),
                                "bridge.api.tokens.demo-erp.stores", STORE,
                                "bridge.data-dir", dir.resolve("data").toString()))
                .getApplicationContext();

        say("3. IT makes a one-time enrolment code for store \"" + STORE + "\" (bridge-server enrol-codes create):");
        NewEnrolmentCode code = server.getBean(EnrolmentCodes.class).create("demo", STORE, null);
        say("      " + code.code() + " (valid until " + code.expiresAt() + ", once)");
        say("   At the shop: " + code.agentCommand());
        TlsFiles shop = enrol(dir.resolve("shop"), code.agentCommand());
        say("      the PC made its own key, checked the server against the code's CA fingerprint, and got its"
                + " certificate: " + shop.certificate());
        say("   The shop agent starts with a virtual 80 mm ESC/POS printer, dialling out to localhost:"
                + server.getBean(AgentLinkServer.class).port());
        VirtualPrinter printer = new VirtualPrinter();
        Agent agent = Agent.start(
                LinkSettings.defaults("localhost", grpcPort),
                shop,
                List.of(new Agent.PrinterDefinition(
                        PrinterSettings.receipt("receipt", true), new VirtualPrinterTransport(printer), "virtual")),
                new InMemoryExecutionJournal(10_000),
                Duration.ofSeconds(2));
        if (!agent.link().awaitConnected(Duration.ofSeconds(20))) {
            throw new IllegalStateException("the agent did not connect within 20 s; see " + dir.resolve("bridge.log"));
        }
        say("   connected: the server knows the store from the agent's certificate, not from anything it says");

        Erp erp = new Erp("http://localhost:" + httpPort, token);
        say("4. The ERP sends jobs (POST /api/v1/stores/" + STORE + "/jobs?wait=10); the server renders the invoice"
                + " for the printer the agent reported (80 mm, Epson code pages):");
        String invoice =
                new String(Demo.class.getResourceAsStream("/demo/invoice.json").readAllBytes(), StandardCharsets.UTF_8);
        JsonNode print = erp.post("{\"type\":\"invoice\",\"openDrawer\":true,\"invoice\":" + invoice + "}");
        report("invoice", print);
        Files.write(
                dir.resolve("invoice-preview.png"),
                erp.getBytes("/api/v1/jobs/" + print.get("id").asText() + "/preview"));
        say("      French and Arabic invoice FA-2026-004514, cash sale: printed with a drawer pulse; preview "
                + dir.resolve("invoice-preview.png"));
        JsonNode drawer = erp.post("{\"type\":\"drawer\"}");
        report("drawer", drawer);
        JsonNode status = erp.post("{\"type\":\"status\"}");
        report("status", status);
        say("      printer says: " + status.at("/printerStatus/detail").asText() + ", drawer "
                + status.at("/printerStatus/drawer").asText().toLowerCase());

        byte[] printed = printer.printed();
        Files.write(dir.resolve("printer-received.bin"), printed);
        String readable = EscPosConsoleRenderer.describe(printed);
        Files.writeString(dir.resolve("printer-received.txt"), readable);
        say("5. What the virtual printer received (" + printed.length + " bytes, commands in [brackets]):");
        readable.lines().forEach(line -> say("   | " + line));
        say("   drawer pulses: " + printer.drawerKicks().size() + " (the cash sale's, then the drawer job's)");

        say("");
        say("Where to look next:");
        say("  job:      curl -H 'Authorization: Bearer " + token + "' http://localhost:" + httpPort + "/api/v1/jobs/"
                + print.get("id").asText());
        say("  stores:   curl -H 'Authorization: Bearer " + token + "' http://localhost:" + httpPort
                + "/api/v1/stores");
        say("  preview:  " + dir.resolve("invoice-preview.png") + " (GET /api/v1/jobs/{id}/preview)");
        say("  files:    " + dir.resolve("printer-received.txt") + " (and .bin), server and agent log "
                + dir.resolve("bridge.log"));
        String password = randomToken().substring(0, 16);
        DashboardUsers users = server.getBean(DashboardUsers.class);
        if (users.find(DASHBOARD_USER).isPresent()) {
            users.changePassword("demo", DASHBOARD_USER, password); // a data directory from an earlier run
        } else {
            users.create("demo", DASHBOARD_USER, password, Role.ADMIN, "fr", DashboardUsers.DEFAULT_TIME_ZONE);
        }
        Files.writeString(dir.resolve("dashboard-login.txt"), DASHBOARD_USER + "\n" + password + "\n");
        say("  dashboard: http://localhost:" + httpPort + "/dashboard  user " + DASHBOARD_USER + ", password "
                + password + " (also in " + dir.resolve("dashboard-login.txt") + ")"
                + (keepRunning ? "" : "; reachable with -Ddemo.keepRunning=true"));
        say("  token:    " + dir.resolve("api-token.txt") + "; certificates: " + dir.resolve("certs")
                + "; database (H2): " + dir.resolve("data"));

        if (keepRunning) {
            say("Running until Ctrl+C (started with -Ddemo.keepRunning=true).");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                agent.close();
                server.close();
            }));
            Thread.currentThread().join();
        }
        say("Stopping (add -Ddemo.keepRunning=true to keep the server and agent up for the curl commands above).");
        agent.close();
        server.close();
    }

    private static void report(String what, JsonNode job) {
        String line = String.format(
                "   %-7s job %s -> %s",
                what, job.get("id").asText(), job.get("state").asText());
        if (job.has("error")) {
            line += " (" + job.at("/error/code").asText() + ": "
                    + job.at("/error/message").asText() + ")";
        }
        say(line);
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Runs the shop's {@code bridge-agent enroll} as IT typed it (with a configuration file of its own)
     * and returns the identity it wrote beside that file.
     */
    private static TlsFiles enrol(Path shop, String agentCommand) {
        Path config = shop.resolve("agent.properties");
        List<String> args = new java.util.ArrayList<>(
                List.of(agentCommand.replaceFirst("^bridge-agent ", "").split(" ")));
        args.addAll(List.of("--config", config.toString()));
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = AgentMain.execute(
                args.toArray(String[]::new),
                Map.of(),
                new java.io.PrintWriter(java.io.OutputStream.nullOutputStream(), true),
                new java.io.PrintWriter(err, true));
        if (exit != 0) {
            throw new IllegalStateException("enrolment failed (exit " + exit + "): " + err);
        }
        Path certs = shop.resolve("certs");
        return new TlsFiles(certs.resolve("agent.pem"), certs.resolve("agent.key"), certs.resolve("ca.pem"));
    }

    private static void say(String line) {
        System.out.println(line);
    }

    /** The ERP side of the demo: plain HTTP with the bearer token. */
    private record Erp(String base, String token) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private static final ObjectMapper JSON = new ObjectMapper();

        byte[] getBytes(String path) throws Exception {
            HttpResponse<byte[]> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        }

        JsonNode post(String body) throws Exception {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/stores/" + STORE + "/jobs?wait=10"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }
}
