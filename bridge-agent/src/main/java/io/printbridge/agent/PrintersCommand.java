package io.printbridge.agent;

import io.printbridge.agent.config.AgentConfig;
import io.printbridge.agent.config.AgentConfigLoader;
import io.printbridge.agent.config.PrinterConfig;
import io.printbridge.agent.config.PrinterTransports;
import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterStatus;
import io.printbridge.agent.printer.usb.UsbPrinterInfo;
import io.printbridge.agent.printer.usb.UsbPrinters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bridge-agent printers [--config FILE]}: for the technician at the till, the configured
 * printers with their status, then the USB printers in sight. Exit status 1 when a configured
 * printer is not ready.
 */
@Command(
        name = "printers",
        description = "Lists the configured printers with their status, and the USB printers this PC sees.")
final class PrintersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentMain main;

    @Mixin
    HelpOption help;

    @Mixin
    ConfigFileOption config;

    @Override
    public Integer call() {
        return printers(
                config.resolve(main.environment()),
                main.environment(),
                spec.commandLine().getOut());
    }

    static int printers(@Nullable Path file, Map<String, String> environment, PrintWriter out) {
        int problems = 0;
        boolean configured = file != null || environment.keySet().stream().anyMatch(k -> k.startsWith("BRIDGE_"));
        if (configured) {
            AgentConfig config = new AgentConfigLoader(w -> out.println("warning: " + w)).load(file, environment);
            out.println("Configured printers:");
            for (PrinterConfig printer : config.printers()) {
                try (EscPosPrinter escPos = new EscPosPrinter(
                        printer.settings(), PrinterTransports.open(printer.transport()), Clock.systemUTC())) {
                    PrinterStatus status = escPos.status();
                    out.printf(
                            "  %-12s %-8s %-32s %s%n",
                            printer.settings().name(),
                            printer.settings().isDefault() ? "default" : "",
                            printer.transport(),
                            status.state() + ": " + status.detail());
                    if (status.state() != PrinterStatus.State.READY) {
                        problems++;
                    }
                } catch (RuntimeException e) {
                    out.printf(
                            "  %-12s cannot be opened: %s%n", printer.settings().name(), e.getMessage());
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
        out.flush();
        return problems == 0 ? 0 : 1;
    }
}
