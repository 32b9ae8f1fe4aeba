package io.printbridge.agent.printer.virtual;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The technician's commands to the standalone virtual printer, one per line: toggle a fault,
 * slow it down, drop the connection. Remembers what it set, since that is all that changes
 * the printer in that process.
 */
final class VirtualPrinterConsole {

    static final String HELP = String.join(
            System.lineSeparator(),
            "commands:",
            "  paper-out on|off       no paper: status says so, nothing prints",
            "  paper-near-end on|off  roll almost empty: still prints",
            "  cover-open on|off      cover open: nothing prints",
            "  drawer-open on|off     the drawer sensor says open",
            "  offline on|off         reports offline, prints nothing",
            "  mute on|off            never answers status queries",
            "  slow <ms>              waits this long on every write (0: normal speed)",
            "  drop                   closes the current connection now",
            "  status                 shows what is set",
            "  help                   this list",
            "  quit                   stops the virtual printer");

    private final VirtualPrinterServer server;
    private boolean paperOut;
    private boolean paperNearEnd;
    private boolean coverOpen;
    private boolean drawerOpen;
    private boolean offline;
    private boolean mute;
    private long slowMillis;

    VirtualPrinterConsole(VirtualPrinterServer server) {
        this.server = requireNonNull(server, "server");
    }

    /** Carries out one command line and returns what to tell the technician. */
    String execute(String commandLine) {
        String[] words = commandLine.trim().toLowerCase(Locale.ROOT).split("\\s+");
        VirtualPrinter printer = server.printer();
        String argument = words.length > 1 ? words[1] : "";
        try {
            switch (words[0]) {
                case "paper-out" -> printer.paperOut(paperOut = onOff(words[0], argument));
                case "paper-near-end" -> printer.paperNearEnd(paperNearEnd = onOff(words[0], argument));
                case "cover-open" -> printer.coverOpen(coverOpen = onOff(words[0], argument));
                case "drawer-open" -> printer.drawerOpen(drawerOpen = onOff(words[0], argument));
                case "offline" -> printer.offline(offline = onOff(words[0], argument));
                case "mute" -> printer.mute(mute = onOff(words[0], argument));
                case "slow" -> printer.delayPerWrite(Duration.ofMillis(slowMillis = millis(argument)));
                case "drop" -> {
                    return server.dropConnection() ? "connection dropped" : "no client connected";
                }
                case "status", "" -> {
                    return status();
                }
                case "help" -> {
                    return HELP;
                }
                default -> {
                    return "unknown command \"" + words[0] + "\" (expected: paper-out, paper-near-end, cover-open,"
                            + " drawer-open, offline, mute, slow, drop, status, help or quit)";
                }
            }
        } catch (IllegalArgumentException e) {
            return Objects.requireNonNullElse(e.getMessage(), e.toString());
        }
        return status();
    }

    String status() {
        return "paper-out " + onOff(paperOut) + ", paper-near-end " + onOff(paperNearEnd) + ", cover-open "
                + onOff(coverOpen) + ", drawer-open " + onOff(drawerOpen) + ", offline " + onOff(offline) + ", mute "
                + onOff(mute) + ", slow " + slowMillis + " ms; " + server.connections() + " connection(s) so far, "
                + server.printer().statusQueries() + " status queries received";
    }

    private static boolean onOff(String command, String argument) {
        return switch (argument) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(command + ": \"" + argument + "\" (expected: on or off)");
        };
    }

    private static long millis(String argument) {
        try {
            long millis = Long.parseLong(argument);
            if (millis >= 0) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // the message below says what was expected
        }
        throw new IllegalArgumentException("slow: \"" + argument
                + "\" (expected: milliseconds per write, e.g. slow 200;" + " 0 for normal speed)");
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }
}
