package io.printbridge.agent.printer.virtual;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code bridge-agent virtual-printer [--port 9100] [--host ADDRESS] [--show-status]}: the virtual
 * printer as a network printer of its own, for the demo and for technicians.
 *
 * <p>It prints what it receives (text, and commands in [brackets]) and reads commands that set
 * faults on standard input ({@code help} lists them). Without a console (standard input closed,
 * as in the demo) it keeps running until stopped.
 */
@Command(name = "virtual-printer", description = "A software ESC/POS printer on TCP; type help for its fault commands.")
public final class VirtualPrinterCommand implements Callable<Integer> {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Shows this help and exits.")
    boolean help;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "9100",
            converter = Port.class,
            description = "The TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = "0.0.0.0",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, every interface).")
    String host;

    @Option(names = "--show-status", description = "Also show the DLE EOT status queries.")
    boolean showStatus;

    private final InputStream console;
    private final PrintStream out;

    /** On the process's standard input and output. */
    public VirtualPrinterCommand() {
        this(System.in, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    VirtualPrinterCommand(InputStream console, PrintStream out) {
        this.console = console;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        EscPosConsoleRenderer renderer = new EscPosConsoleRenderer(line -> out.println("| " + line), showStatus);
        VirtualPrinterServer server =
                VirtualPrinterServer.start(new VirtualPrinter(), new InetSocketAddress(host, port), renderer::accept);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "virtual-printer-shutdown"));
        out.println(
                "virtual printer listening on " + host + ":" + server.port() + "; type help for the fault commands");

        VirtualPrinterConsole commands = new VirtualPrinterConsole(server);
        BufferedReader in = new BufferedReader(new InputStreamReader(console, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().equalsIgnoreCase("quit") || line.trim().equalsIgnoreCase("exit")) {
                server.close();
                return 0;
            }
            out.println(commands.execute(line));
        }
        stopped.await(); // no console: serve until the process is stopped
        return 0;
    }

    /** {@code --port}: 0 to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("\"" + value + "\" (expected: 0 to 65535; 0 picks a free port)");
        }
    }
}
