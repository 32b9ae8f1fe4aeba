package io.printbridge.agent.printer.virtual;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the virtual printer as a network printer of its own, for the demo and for technicians:
 *
 * <pre>java -cp bridge-agent.jar io.printbridge.agent.printer.virtual.VirtualPrinterMain --port 9100</pre>
 *
 * <p>It prints what it receives (text, and commands in [brackets]) and reads commands that set
 * faults on standard input ({@code help} lists them). Without a console (standard input closed,
 * as in the demo) it keeps running until stopped.
 */
public final class VirtualPrinterMain {

    private static final String USAGE = "usage: VirtualPrinterMain [--port N (default 9100)] [--host ADDRESS (default"
            + " 0.0.0.0, every interface)] [--show-status (also show the DLE EOT status queries)]";

    private VirtualPrinterMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 9100;
        String host = "0.0.0.0";
        boolean showStatus = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = parsePort(value(args, ++i, "--port"));
                case "--host" -> host = value(args, ++i, "--host");
                case "--show-status" -> showStatus = true;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> fail("unknown argument \"" + args[i] + "\"");
            }
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        EscPosConsoleRenderer renderer = new EscPosConsoleRenderer(line -> out.println("| " + line), showStatus);
        VirtualPrinterServer server = VirtualPrinterServer.start(new VirtualPrinter(), new InetSocketAddress(host, port),
                renderer::accept);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "virtual-printer-shutdown"));
        out.println("virtual printer listening on " + host + ":" + server.port() + "; type help for the fault commands");

        VirtualPrinterConsole console = new VirtualPrinterConsole(server);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().equalsIgnoreCase("quit") || line.trim().equalsIgnoreCase("exit")) {
                server.close();
                return;
            }
            out.println(console.execute(line));
        }
        stopped.await(); // no console: serve until the process is stopped
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            fail(option + " needs a value");
        }
        return args[index];
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fail("--port: \"" + value + "\" (expected: 0 to 65535; 0 picks a free port)");
        throw new AssertionError("unreachable");
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
