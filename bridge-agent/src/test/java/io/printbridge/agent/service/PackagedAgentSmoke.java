package io.printbridge.agent.service;

import io.printbridge.agent.exec.FileExecutionJournal;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The smoke run of an agent in a process of its own, as a till runs it: {@code <command> run
 * --config FILE} against a {@link TestBridgeServer} (mutual TLS) and a TCP virtual printer. It
 * must connect, print one receipt the server sends, then stop on SIGTERM (what systemd sends)
 * with its stream and journal closed. The command is what is being tested: a JVM limited to the
 * runtime's modules, or a jlink image, or the tarball's launcher.
 */
final class PackagedAgentSmoke {

    static final String RECEIPT = "PrintBridge smoke receipt\n";

    private PackagedAgentSmoke() {}

    /** Runs the smoke; returns the agent's output; throws AssertionError naming what went wrong. */
    static String run(List<String> command, Path dir, Duration deadline) throws Exception {
        VirtualPrinter printer = new VirtualPrinter();
        Path output = dir.resolve("agent.out");
        try (TestBridgeServer server = TestBridgeServer.start(Files.createDirectories(dir.resolve("certs")));
                VirtualPrinterServer printerServer = VirtualPrinterServer.start(
                        printer, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Path config = dir.resolve("agent.properties");
            Files.writeString(
                    config,
                    server.agentProperties()
                            + "data.dir=data\n"
                            + "printers=receipt\n"
                            + "printer.receipt.transport=network\n"
                            + "printer.receipt.network.host=127.0.0.1\n"
                            + "printer.receipt.network.port=" + printerServer.port() + "\n"
                            + "printer.receipt.drawer=none\n");
            List<String> full = new ArrayList<>(command);
            full.addAll(List.of("run", "--config", config.toString()));
            Process agent = new ProcessBuilder(full)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                // A process that died (a missing module, a bad setting) fails at once, not at the deadline.
                TestBridgeServer.await(() -> server.welcomed() >= 1 || !agent.isAlive(), deadline);
                check(server.welcomed() >= 1, "the agent connected", output);
                server.print("smoke-1", RECEIPT.getBytes(StandardCharsets.US_ASCII));
                check(
                        TestBridgeServer.await(() -> server.resultFor("smoke-1"), deadline),
                        "the agent reported the receipt's result",
                        output);
                check(
                        new String(printer.printed(), StandardCharsets.US_ASCII).contains(RECEIPT),
                        "the printer received the receipt",
                        output);

                agent.destroy(); // SIGTERM: the shutdown hook closes the stream and the journal
                check(agent.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS), "the agent stopped", output);
                check(
                        agent.exitValue() == 143 || agent.exitValue() == 0,
                        "exit status 143 or 0 after SIGTERM, not " + agent.exitValue(),
                        output);
                check(
                        TestBridgeServer.await(() -> server.ended() >= 1, deadline),
                        "the server saw the stream end",
                        output);
                try (FileExecutionJournal journal = FileExecutionJournal.open(dir.resolve("data/journal"), 10, false)) {
                    check(journal.find("smoke-1").isPresent(), "the journal recorded the receipt", output);
                }
                String text = read(output);
                check(text.contains("stopped: stream and journal closed"), "the agent logged its clean stop", output);
                return text;
            } finally {
                agent.destroyForcibly();
            }
        }
    }

    private static void check(boolean condition, String expected, Path output) throws IOException {
        if (!condition) {
            throw new AssertionError("expected: " + expected + "; the agent's output:\n" + read(output));
        }
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "(none)";
    }
}
