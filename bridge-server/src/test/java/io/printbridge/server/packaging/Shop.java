package io.printbridge.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.Agent;
import io.printbridge.agent.exec.InMemoryExecutionJournal;
import io.printbridge.agent.link.LinkSettings;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import io.printbridge.certs.DevCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One store seen from outside a packaged server: the ERP's calls on its REST port (with an API
 * token) and the shop's agent, in this process, on a virtual printer, dialling its gRPC port.
 */
final class Shop {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String storeId;
    private final DevCertificates certs;
    private final int httpPort;
    private final int grpcPort;
    private final String token;

    Shop(String storeId, DevCertificates certs, int httpPort, int grpcPort, String token) {
        this.storeId = storeId;
        this.certs = certs;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
        this.token = token;
    }

    /** A raw print of {@code text}; answers the job's id once the server answered 201. */
    String print(String text) throws Exception {
        String body = "{\"type\":\"raw\",\"data\":\""
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII)) + "\"}";
        HttpResponse<String> response = http.send(
                request("/api/v1/stores/" + storeId + "/jobs")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher id = ID.matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return id.group(1);
    }

    /** {@code GET /api/v1/jobs/{id}}: its status code and body. */
    HttpResponse<String> job(String id) throws Exception {
        return get("/api/v1/jobs/" + id);
    }

    /** The job's state, or null if the server does not know it (404). */
    String state(String id) throws Exception {
        HttpResponse<String> response = job(id);
        if (response.statusCode() == 404) {
            return null;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher state = STATE.matcher(response.body());
        assertThat(state.find()).as(response.body()).isTrue();
        return state.group(1);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until every job of {@code ids} is DONE (at most {@code timeout}). */
    void awaitDone(List<String> ids, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String id : ids) {
            while (true) {
                String state = state(id);
                if ("DONE".equals(state)) {
                    break;
                }
                assertThat(state).as("job %s", id).isIn("QUEUED", "SENT"); // never FAILED, EXPIRED or UNCERTAIN here
                assertThat(System.nanoTime())
                        .as("job %s DONE within %s (it is %s)", id, timeout, state)
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    /** The shop's agent on {@code printer}, connected. */
    Agent connect(VirtualPrinter printer) throws Exception {
        LinkSettings link = new LinkSettings(
                "localhost",
                grpcPort,
                Duration.ofSeconds(2),
                3,
                Duration.ofMillis(100),
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        Agent agent = Agent.start(
                link,
                new TlsFiles(certs.agentCertificate(storeId), certs.agentKey(storeId), certs.caCertificate()),
                List.of(new Agent.PrinterDefinition(
                        PrinterSettings.receipt("receipt", true), new VirtualPrinterTransport(printer), "virtual")),
                new InMemoryExecutionJournal(1000),
                Duration.ofSeconds(5));
        assertThat(agent.link().awaitConnected(Duration.ofSeconds(30)))
                .as("agent connected")
                .isTrue();
        return agent;
    }

    /** The agent connects once and leaves: the store is known, its jobs wait QUEUED. */
    void makeKnown() throws Exception {
        try (Agent ignored = connect(new VirtualPrinter())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!get("/api/v1/stores").body().contains("\"storeId\":\"" + storeId + "\"")) {
                assertThat(System.nanoTime()).as("store known within 15 s").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    /** How many times {@code text} is on the paper of {@code printer}. */
    static int timesPrinted(VirtualPrinter printer, String text) {
        String paper = new String(printer.printed(), StandardCharsets.ISO_8859_1);
        int count = 0;
        for (int at = paper.indexOf(text); at >= 0; at = paper.indexOf(text, at + 1)) {
            count++;
        }
        return count;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Bearer " + token);
    }
}
