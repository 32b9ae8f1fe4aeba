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
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.testing.Bridge;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped server, on its default embedded database, killed with SIGKILL right after it
 * answered 201 to a burst of jobs: after a restart on the same data directory every one of those
 * jobs is there. An accepted job is on the database's file when the ERP hears 201, not some time
 * later.
 */
class ServerCrashIT {

    private static final String TOKEN = "crash-test-token";
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> servers = new ArrayList<>();
    private int httpPort;
    private int grpcPort;
    private DevCertificates certs;

    @AfterEach
    void stop() {
        servers.forEach(Process::destroyForcibly);
    }

    @Test
    void jobsAnswered201SurviveAKillOfTheServerProcess() throws Exception {
        certs = DevCertificates.create(dir.resolve("certs"), List.of("alger-01"));
        httpPort = Bridge.freePort();
        grpcPort = Bridge.freePort();
        Process server = start();
        makeStoreKnown();

        List<String> accepted = new ArrayList<>();
        String job =
                "{\"type\":\"raw\",\"data\":\"" + Base64.getEncoder().encodeToString("ticket\n".getBytes()) + "\"}";
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> response = post("/api/v1/stores/alger-01/jobs", job);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            Matcher id = ID.matcher(response.body());
            assertThat(id.find()).isTrue();
            accepted.add(id.group(1));
        }
        server.destroyForcibly().waitFor();

        start();
        for (String id : accepted) {
            HttpResponse<String> found = get("/api/v1/jobs/" + id);
            assertThat(found.statusCode()).as("job %s after the kill", id).isEqualTo(200);
            assertThat(found.body()).contains("\"state\":\"QUEUED\"");
        }
    }

    /** An agent connects once and leaves: the store is known, its jobs wait QUEUED. */
    private void makeStoreKnown() throws Exception {
        LinkSettings link = new LinkSettings(
                "localhost",
                grpcPort,
                Duration.ofSeconds(2),
                3,
                Duration.ofMillis(100),
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        try (Agent agent = Agent.start(
                link,
                new TlsFiles(certs.agentCertificate("alger-01"), certs.agentKey("alger-01"), certs.caCertificate()),
                List.of(new Agent.PrinterDefinition(
                        PrinterSettings.receipt("receipt", true),
                        new VirtualPrinterTransport(new VirtualPrinter()),
                        "virtual")),
                new InMemoryExecutionJournal(10),
                Duration.ofSeconds(5))) {
            assertThat(agent.link().awaitConnected(Duration.ofSeconds(15))).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!get("/api/v1/stores").body().contains("\"storeId\":\"alger-01\"")) {
                assertThat(System.nanoTime()).as("store known within 10 s").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private Process start() throws Exception {
        Path jar = ServerJar.find();
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dmicronaut.server.port=" + httpPort,
                        "-Dbridge.grpc.port=" + grpcPort,
                        "-Dbridge.grpc.certificate=" + certs.serverCertificate(),
                        "-Dbridge.grpc.key=" + certs.serverKey(),
                        "-Dbridge.grpc.client-ca=" + certs.caCertificate(),
                        "-Dbridge.data-dir=" + dir.resolve("data").toAbsolutePath(),
                        "-Dbridge.api.tokens.erp.sha256=" + ApiTokens.sha256(TOKEN),
                        "-Dbridge.api.tokens.erp.stores=*",
                        "-jar",
                        jar.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server-" + servers.size() + ".log").toFile())
                .start();
        servers.add(server);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("server did not start: "
                        + Files.readString(dir.resolve("server-" + (servers.size() - 1) + ".log")));
            }
            Thread.sleep(100);
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }
}
