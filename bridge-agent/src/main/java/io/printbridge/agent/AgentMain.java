package io.printbridge.agent;

import io.printbridge.agent.config.AgentConfig;
import io.printbridge.agent.config.AgentConfigLoader;
import io.printbridge.agent.config.ConfigException;
import io.printbridge.agent.config.PrinterConfig;
import io.printbridge.agent.config.PrinterTransports;
import io.printbridge.agent.exec.CorruptJournalException;
import io.printbridge.agent.exec.FileExecutionJournal;
import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterStatus;
import io.printbridge.agent.printer.usb.UsbPrinterInfo;
import io.printbridge.agent.printer.usb.UsbPrinters;
import io.printbridge.agent.printer.virtual.VirtualPrinterMain;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bridge-agent [run|printers|virtual-printer] [--config agent.properties]}.
 *
 * <ul>
 *   <li>{@code run} (the default): connect to the server and execute its commands until stopped;</li>
 *   <li>{@code printers}: for the technician at the till, the configured printers with their
 *       status, and the USB printers this PC can see;</li>
 *   <li>{@code virtual-printer --port 9100}: a software ESC/POS printer on TCP, to try things
 *       without hardware.</li>
 * </ul>
 * The configuration file is {@code --config FILE}, else {@code BRIDGE_AGENT_CONFIG}, else
 * {@code agent.properties} in the working directory if it exists; environment variables
 * override it (see agent.example.properties).
 */
public final class AgentMain {

    private static final Logger log = LoggerFactory.getLogger(AgentMain.class);
    /** Commands the journal remembers: far more than a shop prints between two reconnects. */
    static final int JOURNAL_CAPACITY = 10_000;

    private AgentMain() {}

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 || args[0].startsWith("--") ? "run" : args[0];
        String[] options = args.length > 0 && !args[0].startsWith("--") ? Arrays.copyOfRange(args, 1, args.length) : args;
        try {
            switch (command) {
                case "run" -> run(load(options));
                case "printers" -> System.exit(printers(options, System.out));
                case "virtual-printer" -> VirtualPrinterMain.main(options);
                case "help", "--help", "-h" -> System.out.println(usage());
                default -> fail("unknown command \"" + command + "\" (expected: run, printers or virtual-printer)\n" + usage());
            }
        } catch (ConfigException e) {
            fail("configuration: " + e.getMessage());
        } catch (CorruptJournalException e) {
            fail(e.getMessage()); // names the file and offset, and what to do
        }
    }

    private static void run(AgentConfig config) throws Exception {
        Files.createDirectories(config.dataDirectory());
        FileExecutionJournal journal = FileExecutionJournal.open(config.dataDirectory().resolve("journal"), JOURNAL_CAPACITY, true);
        List<Agent.PrinterDefinition> printers = new ArrayList<>();
        for (PrinterConfig printer : config.printers()) {
            printers.add(new Agent.PrinterDefinition(printer.settings(), PrinterTransports.open(printer.transport()),
                    printer.transport().kind()));
            log.info("printer {}{}: {}", printer.settings().name(), printer.settings().isDefault() ? " (default)" : "",
                    printer.transport());
        }
        Agent agent = Agent.start(config.link(), config.tls(), printers, journal, config.statusPollInterval());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            agent.close();
            journal.close();
            stopped.countDown();
        }, "agent-shutdown"));
        stopped.await();
    }

    /** Lists configured printers with their status, then the USB printers in sight. Returns the exit code. */
    static int printers(String[] options, PrintStream out) {
        int problems = 0;
        Path file = configFile(options);
        boolean configured = file != null || System.getenv().keySet().stream().anyMatch(k -> k.startsWith("BRIDGE_"));
        if (configured) {
            AgentConfig config = new AgentConfigLoader(w -> out.println("warning: " + w)).load(file, System.getenv());
            out.println("Configured printers:");
            for (PrinterConfig printer : config.printers()) {
                try (EscPosPrinter escPos = new EscPosPrinter(printer.settings(), PrinterTransports.open(printer.transport()),
                        Clock.systemUTC())) {
                    PrinterStatus status = escPos.status();
                    out.printf("  %-12s %-8s %-32s %s%n", printer.settings().name(), printer.settings().isDefault() ? "default" : "",
                            printer.transport(), status.state() + ": " + status.detail());
                    if (status.state() != PrinterStatus.State.READY) {
                        problems++;
                    }
                } catch (RuntimeException e) {
                    out.printf("  %-12s cannot be opened: %s%n", printer.settings().name(), e.getMessage());
                    problems++;
                }
            }
        } else {
            out.println("No configuration (agent.properties or BRIDGE_* variables): showing USB printers only.");
        }
        out.println("USB printers on this PC:");
        try {
            List<UsbPrinterInfo> usb = UsbPrinters.list();
            if (usb.isEmpty()) {
                out.println("  none found");
            }
            usb.forEach(p -> out.println("  " + p));
        } catch (Exception | LinkageError e) {
            out.println("  USB cannot be listed here: " + e.getMessage());
        }
        return problems == 0 ? 0 : 1;
    }

    private static AgentConfig load(String[] options) {
        return new AgentConfigLoader(w -> log.warn(w)).load(configFile(options), System.getenv());
    }

    private static @Nullable Path configFile(String[] options) {
        for (int i = 0; i < options.length - 1; i++) {
            if (options[i].equals("--config")) {
                return Path.of(options[i + 1]);
            }
        }
        String fromEnvironment = System.getenv("BRIDGE_AGENT_CONFIG");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        Path local = Path.of("agent.properties");
        return Files.exists(local) ? local : null;
    }

    private static String usage() {
        return """
                usage: bridge-agent [run] [--config agent.properties]     connect to the server and print
                       bridge-agent printers [--config agent.properties]  list printers and their status
                       bridge-agent virtual-printer --port 9100            a software printer on TCP""";
    }

    private static void fail(String message) {
        System.err.println("bridge-agent: " + message);
        System.exit(2);
    }
}
