package io.printbridge.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.certs.DevCertificates;
import io.printbridge.server.api.ApiTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged server as a process of its own (the jar, or the launcher of the tarball), its
 * output in a file, stopped the way systemd stops it: SIGTERM, then a wait.
 */
final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path log;
    private final int httpPort;

    private ServerProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** Starts {@code command} with {@code environment} added, and waits until {@code /health} answers 200. */
    static ServerProcess start(List<String> command, Map<String, String> environment, Path log, int httpPort)
            throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        ServerProcess server = new ServerProcess(builder.start(), log, httpPort);
        server.awaitHealthy(Duration.ofSeconds(90));
        return server;
    }

    /** {@code java -D... -jar <the packaged jar>}: the server, with {@code properties} as system properties. */
    /**
     * The settings of a packaged server on {@code database} (empty: the embedded H2 in {@code dataDir}),
     * with the given ports, the test certificates and one ERP token for every store.
     */
    static Map<String, String> settings(
            Map<String, String> database,
            DevCertificates certs,
            Path dataDir,
            int httpPort,
            int grpcPort,
            String token) {
        Map<String, String> settings = new HashMap<>(database);
        settings.put("micronaut.server.port", String.valueOf(httpPort));
        settings.put("bridge.grpc.port", String.valueOf(grpcPort));
        settings.put("bridge.grpc.certificate", certs.serverCertificate().toString());
        settings.put("bridge.grpc.key", certs.serverKey().toString());
        settings.put("bridge.grpc.client-ca", certs.caCertificate().toString());
        settings.put("bridge.data-dir", dataDir.toAbsolutePath().toString());
        settings.put("bridge.api.tokens.erp.sha256", ApiTokens.sha256(token));
        settings.put("bridge.api.tokens.erp.stores", "*");
        return settings;
    }

    static List<String> jarCommand(Map<String, String> properties, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(java());
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-jar");
        command.add(ServerJar.find().toAbsolutePath().toString());
        command.addAll(List.of(args));
        return command;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("server did not start within " + timeout + ": " + log());
            }
            Thread.sleep(100);
        }
    }

    /** What systemd does on stop: SIGTERM, then waits (here at most {@code timeout}); the exit status. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy(); // SIGTERM on Unix
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("the server ended within %s of SIGTERM; its log: %s", timeout, log())
                .isTrue();
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
