package io.printbridge.faults.harness;

import io.printbridge.certs.DevCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One shop's agent: the packaged agent jar in its own JVM, with its own file journal, dialling
 * the server through the shop's {@link LinkProxy} and driving the shop's two
 * {@link RecordingPrinter}s over TCP (the receipt printer with a drawer on pin 2, a kitchen
 * printer without). Killed with SIGKILL and started again on the same data directory.
 */
final class AgentProcess implements AutoCloseable {

    /** The pulse the receipt printer is configured with, for the drawer after a receipt. */
    static final int AFTER_RECEIPT_PULSE_MS = 100;

    private final Path jar;
    private final Path dir;
    private @Nullable Process process;

    private AgentProcess(Path jar, Path dir) {
        this.jar = jar;
        this.dir = dir;
    }

    static AgentProcess configure(
            Path jar,
            Path dir,
            String store,
            DevCertificates certs,
            int proxyPort,
            RecordingPrinter receipt,
            RecordingPrinter kitchen)
            throws IOException {
        Files.createDirectories(dir);
        String config = String.join(
                "\n",
                "server.address=localhost:" + proxyPort,
                "tls.certificate=" + certs.agentCertificate(store).toAbsolutePath(),
                "tls.key=" + certs.agentKey(store).toAbsolutePath(),
                "tls.ca=" + certs.caCertificate().toAbsolutePath(),
                "data.dir=" + dir.resolve("data").toAbsolutePath(),
                // The log beside, not in, the data directory: a full journal disk must not also
                // silence the log that says so.
                "log.dir=" + dir.resolve("logs").toAbsolutePath(),
                // Reconnect soon after a fault, so a short run sees many recoveries, not long waits.
                "link.backoff-base=200ms",
                "link.backoff-cap=3s",
                "status.poll-interval=1s",
                "printers=receipt, kitchen",
                "printer.default=receipt",
                "printer.receipt.transport=network",
                "printer.receipt.network.host=127.0.0.1",
                "printer.receipt.network.port=" + receipt.port(),
                "printer.receipt.paper-width-mm=58",
                "printer.receipt.drawer=pin2",
                "printer.receipt.drawer-pulse-ms=" + AFTER_RECEIPT_PULSE_MS,
                "printer.receipt.status-timeout=1s",
                "printer.kitchen.transport=network",
                "printer.kitchen.network.host=127.0.0.1",
                "printer.kitchen.network.port=" + kitchen.port(),
                "printer.kitchen.paper-width-mm=80",
                "printer.kitchen.drawer=none",
                "printer.kitchen.status-timeout=1s",
                "");
        Files.writeString(dir.resolve("agent.properties"), config);
        return new AgentProcess(jar, dir);
    }

    /** Appends settings to the agent's configuration (a clock beside the printers), for its next starts. */
    AgentProcess withSettings(String... lines) throws IOException {
        Files.writeString(dir.resolve("agent.properties"), String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
        return this;
    }

    synchronized void start() throws IOException {
        Process current = process;
        if (current != null && current.isAlive()) {
            return;
        }
        process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx96m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar.toAbsolutePath().toString(),
                        "run",
                        "--config",
                        dir.resolve("agent.properties").toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("agent.log").toFile()))
                .start();
    }

    /** SIGKILL: the journal is left as the crash leaves it. */
    synchronized void kill() throws InterruptedException {
        Process current = process;
        if (current != null) {
            current.destroyForcibly().waitFor();
        }
    }

    synchronized boolean alive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroy();
            if (!current.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                current.destroyForcibly().waitFor();
            }
        }
    }
}
