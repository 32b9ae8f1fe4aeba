package io.printbridge.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.printbridge.agent.Agent;
import io.printbridge.agent.AgentMain;
import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.simulator.SimulatedPunches;
import io.printbridge.agent.clock.simulator.SimulatedZkClock;
import io.printbridge.agent.clock.sync.ClockSettings;
import io.printbridge.agent.clock.sync.ClockSetup;
import io.printbridge.agent.clock.zk.ZkClockConnector;
import io.printbridge.agent.exec.InMemoryExecutionJournal;
import io.printbridge.agent.identity.RenewalSettings;
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
import java.time.LocalDateTime;
import java.time.ZoneId;
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
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(
                "micronaut.server.port", httpPort,
                "bridge.grpc.port", grpcPort,
                "bridge.grpc.certificate", certs.serverCertificate().toString(),
                "bridge.grpc.key", certs.serverKey().toString(),
                "bridge.grpc.client-ca", certs.caCertificate().toString(),
                "bridge.identity.ca-key", certs.caKey().toString(),
                "bridge.identity.agent-address", "localhost:" + grpcPort,
                "bridge.api.tokens.demo-erp.sha256", ApiTokens.sha256(token),
                "bridge.api.tokens.demo-erp.stores", STORE,
                "bridge.data-dir", dir.resolve("data").toString()));
        // The demo's ERP prints and reads the time clock.
        settings.put("bridge.api.tokens.demo-erp.scopes", "print,attendance");
        ApplicationContext server =
                ApplicationContext.run(EmbeddedServer.class, settings).getApplicationContext();

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
        List<ClockUser> employees = SimulatedPunches.users(12);
        SimulatedZkClock clock =
                SimulatedZkClock.builder().serialNumber("DEMO0000000001").start();
        clock.putUsers(employees);
        clock.addRecords(SimulatedPunches.records(300, 5, employees));
        say("   and a simulated ZKTeco attendance clock on the shop's network (ZK protocol, TCP port " + clock.tcpPort()
                + ", 300 punches in its log): only the agent reaches it");
        Agent agent = Agent.start(
                LinkSettings.defaults("localhost", grpcPort),
                shop,
                RenewalSettings.defaults(),
                List.of(new Agent.PrinterDefinition(
                        PrinterSettings.receipt("receipt", true), new VirtualPrinterTransport(printer), "virtual")),
                new InMemoryExecutionJournal(10_000),
                Duration.ofSeconds(2),
                new ClockSetup(
                        List.of(ClockSettings.of(
                                "entrance",
                                new ClockEndpoint(
                                        "127.0.0.1", clock.tcpPort(), ClockTransport.TCP, 0, Duration.ofSeconds(3)),
                                ZoneId.of("Africa/Algiers"))),
                        new ZkClockConnector(),
                        dir.resolve("shop/clocks")));
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

        say("6. The time clock's punches reach the ERP through the same stream (GET /api/v1/attendance/punches,"
                + " attendance scope):");
        int held = erp.punchesAfter("").size();
        for (long until = System.nanoTime() + 30_000_000_000L; held < 300 && System.nanoTime() < until; ) {
            Thread.sleep(200);
            held = erp.punchesAfter("").size();
        }
        List<JsonNode> read = erp.punchesAfter("");
        say("      the server holds " + read.size() + " of the clock's 300 punches, each once; one of them:");
        JsonNode last = read.get(read.size() - 1);
        say("      " + last.get("employeeName").asText() + " ("
                + last.get("employeeId").asText() + ") at "
                + last.get("localTime").asText() + " " + last.get("timeZone").asText());
        String cursor = erp.cursor;
        ClockUser amina = employees.get(2);
        long punchedAt = System.nanoTime();
        clock.punch(new ClockRecord(
                amina.userId(), LocalDateTime.now(ZoneId.of("Africa/Algiers")).withNano(0), 0, 0, 15));
        List<JsonNode> live = erp.punchesAfter(cursor);
        for (long until = System.nanoTime() + 10_000_000_000L; live.isEmpty() && System.nanoTime() < until; ) {
            Thread.sleep(20);
            live = erp.punchesAfter(cursor);
        }
        say("      a punch made now by " + amina.name() + " reached the ERP's next page in "
                + (System.nanoTime() - punchedAt) / 1_000_000 + " ms (live feed; the log read fills any gap)");

        say("");
        say("Where to look next:");
        say("  job:      curl -H 'Authorization: Bearer " + token + "' http://localhost:" + httpPort + "/api/v1/jobs/"
                + print.get("id").asText());
        say("  punches:  curl -H 'Authorization: Bearer " + token + "' 'http://localhost:" + httpPort
                + "/api/v1/attendance/punches?store=" + STORE + "'");
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
                clock.close();
                server.close();
            }));
            Thread.currentThread().join();
        }
        say("Stopping (add -Ddemo.keepRunning=true to keep the server and agent up for the curl commands above).");
        agent.close();
        clock.close();
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
    private static final class Erp {
        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private static final ObjectMapper JSON = new ObjectMapper();

        private final String base;
        private final String token;
        /** The cursor after the last page {@link #punchesAfter} read. */
        String cursor = "";

        Erp(String base, String token) {
            this.base = base;
            this.token = token;
        }

        /** Every punch after {@code after}, walking the pages. */
        List<JsonNode> punchesAfter(String after) throws Exception {
            List<JsonNode> punches = new java.util.ArrayList<>();
            String next = after;
            while (true) {
                JsonNode page = JSON.readTree(new String(
                        getBytes("/api/v1/attendance/punches?store=" + STORE + "&limit=1000&after=" + next),
                        StandardCharsets.UTF_8));
                page.get("punches").forEach(punches::add);
                next = page.get("next").asText();
                if (!page.get("more").asBoolean()) {
                    cursor = next;
                    return punches;
                }
            }
        }

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
