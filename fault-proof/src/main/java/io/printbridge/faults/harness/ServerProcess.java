package io.printbridge.faults.harness;

import io.printbridge.certs.DevCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The packaged server as its own process, on fixed ports and one data directory (or one
 * PostgreSQL schema), so that a restart after a kill finds the same jobs: started, killed with
 * SIGKILL, stopped with SIGTERM, paused and resumed. Its output is appended to one log file
 * across restarts.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path jar;
    private final Path dir;
    private final DevCertificates certs;
    private final ServerDatabase database;
    private final String tokenSha256;
    private final int httpPort;
    private final int grpcPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> extraProperties = new ArrayList<>();
    private String maxHeap = "512m";
    private int openFiles;
    private Path javaHome = Path.of(System.getProperty("java.home"));
    private @Nullable Process process;
    private int starts;

    public ServerProcess(
            Path jar,
            Path dir,
            DevCertificates certs,
            ServerDatabase database,
            String tokenSha256,
            int httpPort,
            int grpcPort) {
        this.jar = jar;
        this.dir = dir;
        this.certs = certs;
        this.database = database;
        this.tokenSha256 = tokenSha256;
        this.httpPort = httpPort;
        this.grpcPort = grpcPort;
    }

    /** Adds {@code -Dname=value} settings for the next starts. */
    public ServerProcess with(String... properties) {
        extraProperties.addAll(List.of(properties));
        return this;
    }

    /**
     * The server's {@code -Xmx} for the next starts ({@code 512m} unless told): a fleet of thousands of
     * streams needs more than the fault runs' few stores.
     */
    public ServerProcess maxHeap(String size) {
        if (!size.matches("\\d+[kmgKMG]?")) {
            throw new IllegalArgumentException("server heap: " + size + " (expected: a size such as 512m or 4g)");
        }
        maxHeap = size;
        return this;
    }

    /**
     * The server's open-file limit for the next starts, set by util-linux's {@code prlimit} as the
     * process starts (0: this process's own): how a fleet larger than the server may hold is run on
     * a machine whose limit is above the fleet.
     */
    public ServerProcess openFiles(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("open files: " + limit + " (expected: 0, this process's own, or more)");
        }
        openFiles = limit;
        return this;
    }

    /** The Java home the server runs on for the next starts (this process's own unless told). */
    public ServerProcess javaHome(Path home) {
        javaHome = home;
        return this;
    }

    public int httpPort() {
        return httpPort;
    }

    public int grpcPort() {
        return grpcPort;
    }

    /** Starts the server and returns once it answers {@code /health} with 200. */
    public synchronized void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (openFiles > 0) {
            command.addAll(List.of("prlimit", "--nofile=" + openFiles + ":" + openFiles));
        }
        command.addAll(List.of(
                javaHome.resolve("bin").resolve("java").toString(),
                "-Xmx" + maxHeap,
                "-Dmicronaut.server.port=" + httpPort,
                "-Dbridge.grpc.port=" + grpcPort,
                "-Dbridge.grpc.certificate=" + certs.serverCertificate().toAbsolutePath(),
                "-Dbridge.grpc.key=" + certs.serverKey().toAbsolutePath(),
                "-Dbridge.grpc.client-ca=" + certs.caCertificate().toAbsolutePath(),
                "-Dbridge.data-dir=" + dir.resolve("data").toAbsolutePath(),
                "-Dbridge.api.tokens.erp.sha256=" + tokenSha256,
                "-Dbridge.api.tokens.erp.stores=*"));
        command.addAll(database.serverProperties());
        command.addAll(extraProperties);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        Process started = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("server.log").toFile()))
                .start();
        process = started;
        starts++;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!healthy()) {
            if (!started.isAlive()) {
                throw new IOException("the server exited with " + started.exitValue() + " while starting; see "
                        + dir.resolve("server.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the server did not answer /health within " + START_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /** The running process's id. */
    public synchronized long pid() {
        Process current = process;
        if (current == null) {
            throw new IllegalStateException("the server was not started");
        }
        return current.pid();
    }

    /** How many times it was started. */
    public synchronized int starts() {
        return starts;
    }

    /** SIGKILL: no shutdown hook, no drain, whatever was in memory is gone. */
    public synchronized void kill() throws InterruptedException {
        Process current = process;
        if (current != null) {
            current.destroyForcibly().waitFor();
        }
    }

    /** SIGTERM: the server's graceful shutdown; waits for the process to end. */
    public synchronized void terminate() throws InterruptedException {
        Process current = process;
        if (current != null) {
            current.destroy();
            if (!current.waitFor(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                String stuck = StuckStop.threadsOf(current, dir.resolve("server.log"));
                current.destroyForcibly().waitFor();
                throw new IllegalStateException("the server did not stop within " + STOP_TIMEOUT
                        + " of SIGTERM; its stopping threads:\n" + stuck);
            }
        }
    }

    /** SIGSTOP: the process stands still, its sockets open, as in a long GC pause. */
    public synchronized void pause() {
        Process current = process;
        if (current != null) {
            Signals.send("STOP", current.pid());
        }
    }

    public synchronized void resume() {
        Process current = process;
        if (current != null) {
            Signals.send("CONT", current.pid());
        }
    }

    private boolean healthy() throws InterruptedException {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        Process current = process;
        if (current != null && current.isAlive()) {
            resume();
            terminate();
        }
    }
}
