package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.logging.LogSafe;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Clock;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.proto.v1.PrinterStatusChanged;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Holds every agent message to {@link AgentMessageLimits} as it enters the server, before any of
 * it is stored or logged: free text over its limit comes back cut (and {@code cuts} hears of it,
 * for a log line), an identifier out of bounds throws {@link RefusedMessageException} with the
 * status to close the stream with.
 */
final class AgentMessageCheck {

    /** A message the server will not take: the stream ends with {@link #status()}. */
    static final class RefusedMessageException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Status status;

        RefusedMessageException(Status status) {
            super(status.getDescription());
            this.status = status;
        }

        Status status() {
            return status;
        }
    }

    private final Consumer<String> cuts;

    /** @param cuts hears one sentence per value that was cut, naming the field, its size and the limit */
    AgentMessageCheck(Consumer<String> cuts) {
        this.cuts = requireNonNull(cuts, "cuts");
    }

    /** {@code message}, or a copy with its long free text cut. */
    AgentMessage check(AgentMessage message) throws RefusedMessageException {
        return switch (message.getKindCase()) {
            case HELLO ->
                message.toBuilder().setHello(hello(message.getHello())).build();
            case ACK -> {
                commandId("CommandAck.command_id", message.getAck().getCommandId());
                yield message;
            }
            case RESULT ->
                message.toBuilder().setResult(result(message.getResult())).build();
            case STATUS_CHANGED ->
                message.toBuilder()
                        .setStatusChanged(statusChanged(message.getStatusChanged()))
                        .build();
            case RENEW -> {
                int size = message.getRenew().getCertificateRequest().size();
                if (size > CertificateRequests.MAX_BYTES) {
                    throw new RefusedMessageException(
                            Status.INVALID_ARGUMENT.withDescription("RenewCertificate.certificate_request: " + size
                                    + " bytes (expected: at most " + CertificateRequests.MAX_BYTES + ")"));
                }
                yield message;
            }
            // Attendance messages are checked where they are stored (attendance package).
            case HEARTBEAT, ATTENDANCE, CLOCK_STATUS, KIND_NOT_SET -> message;
        };
    }

    private Hello hello(Hello hello) throws RefusedMessageException {
        if (hello.getPrintersCount() > AgentMessageLimits.PRINTERS) {
            throw new RefusedMessageException(Status.RESOURCE_EXHAUSTED.withDescription("Hello.printers: "
                    + hello.getPrintersCount() + " printers (expected: at most " + AgentMessageLimits.PRINTERS + ")"));
        }
        Hello.Builder checked = hello.toBuilder()
                .setHostname(cut("Hello.hostname", hello.getHostname(), AgentMessageLimits.HOSTNAME_CHARS))
                .setAgentVersion(
                        cut("Hello.agent_version", hello.getAgentVersion(), AgentMessageLimits.AGENT_VERSION_CHARS));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < hello.getPrintersCount(); i++) {
            Printer printer = hello.getPrinters(i);
            String field = "Hello.printers[" + i + "]";
            identifier(
                    field + ".name",
                    printer.getName(),
                    AgentMessageLimits.PRINTER_NAME,
                    "1 to 64 letters, digits, '-' or '_'");
            if (!names.add(printer.getName())) {
                throw invalid(field + ".name: \"" + printer.getName()
                        + "\" (expected: a name no other printer of the agent has)");
            }
            identifier(
                    field + ".capabilities.code_page_profile",
                    printer.getCapabilities().getCodePageProfile(),
                    AgentMessageLimits.CODE_PAGE_PROFILE,
                    "a profile name of at most 32 letters, digits, '.', '-' or '_'");
            checked.setPrinters(i, printer.toBuilder().setStatus(status(field + ".status", printer.getStatus())));
        }
        if (hello.getClocksCount() > AgentMessageLimits.CLOCKS) {
            throw new RefusedMessageException(Status.RESOURCE_EXHAUSTED.withDescription("Hello.clocks: "
                    + hello.getClocksCount() + " clocks (expected: at most " + AgentMessageLimits.CLOCKS + ")"));
        }
        Set<String> clockNames = new HashSet<>();
        for (int i = 0; i < hello.getClocksCount(); i++) {
            Clock clock = hello.getClocks(i);
            String field = "Hello.clocks[" + i + "]";
            identifier(
                    field + ".name",
                    clock.getName(),
                    AgentMessageLimits.PRINTER_NAME,
                    "1 to 64 letters, digits, '-' or '_'");
            if (!clockNames.add(clock.getName())) {
                throw invalid(field + ".name: \"" + clock.getName()
                        + "\" (expected: a name no other clock of the agent has)");
            }
            checked.setClocks(
                    i,
                    clock.toBuilder()
                            .setAddress(cut(field + ".address", clock.getAddress(), AgentMessageLimits.HOSTNAME_CHARS))
                            .setTimeZone(cut(field + ".time_zone", clock.getTimeZone(), 64))
                            .setStatus(clock.getStatus().toBuilder()
                                    .setDetail(cut(
                                            field + ".status.detail",
                                            clock.getStatus().getDetail(),
                                            AgentMessageLimits.FAILURE_MESSAGE_CHARS))));
        }
        return checked.build();
    }

    private CommandResult result(CommandResult result) throws RefusedMessageException {
        commandId("CommandResult.command_id", result.getCommandId());
        CommandResult.Builder checked = result.toBuilder();
        if (result.hasFailed()) {
            checked.setFailed(result.getFailed().toBuilder()
                    .setMessage(cut(
                            "CommandResult.failed.message",
                            result.getFailed().getMessage(),
                            AgentMessageLimits.FAILURE_MESSAGE_CHARS)));
        }
        if (result.hasPrinterStatus()) {
            checked.setPrinterStatus(status("CommandResult.printer_status", result.getPrinterStatus()));
        }
        checked.setDrawerDetail(
                cut("CommandResult.drawer_detail", result.getDrawerDetail(), AgentMessageLimits.DRAWER_DETAIL_CHARS));
        return checked.build();
    }

    private PrinterStatusChanged statusChanged(PrinterStatusChanged change) throws RefusedMessageException {
        // Empty names the agent's default printer, as it does for jobs.
        if (!change.getPrinter().isEmpty()) {
            identifier(
                    "PrinterStatusChanged.printer",
                    change.getPrinter(),
                    AgentMessageLimits.PRINTER_NAME,
                    "1 to 64 letters, digits, '-' or '_'");
        }
        return change.toBuilder()
                .setStatus(status("PrinterStatusChanged.status", change.getStatus()))
                .build();
    }

    private PrinterStatus status(String field, PrinterStatus status) {
        String detail = cut(field + ".detail", status.getDetail(), AgentMessageLimits.STATUS_DETAIL_CHARS);
        return detail.equals(status.getDetail())
                ? status
                : status.toBuilder().setDetail(detail).build();
    }

    private static void commandId(String field, String id) throws RefusedMessageException {
        if (id.length() > AgentMessageLimits.COMMAND_ID_CHARS) {
            throw invalid(
                    field + ": " + id.length() + " characters, \"" + LogSafe.text(id, 40) + "\" (expected: at most "
                            + AgentMessageLimits.COMMAND_ID_CHARS + ", the id of a command this server sent)");
        }
    }

    private static void identifier(String field, String value, Pattern rule, String expected)
            throws RefusedMessageException {
        if (!rule.matcher(value).matches()) {
            throw invalid(field + ": " + value.length() + " characters, \"" + LogSafe.text(value, 70) + "\" (expected: "
                    + expected + ")");
        }
    }

    private static RefusedMessageException invalid(String description) {
        return new RefusedMessageException(Status.INVALID_ARGUMENT.withDescription(description));
    }

    /** {@code value} if it fits, else its start and a note of the cut, {@code maxChars} in all; NUL never passes. */
    private String cut(String field, String value, int maxChars) {
        // PostgreSQL text cannot hold U+0000: one NUL would fail every write of the row.
        String clean = value.indexOf('\u0000') >= 0 ? value.replace('\u0000', '\uFFFD') : value;
        if (clean.length() <= maxChars) {
            return clean;
        }
        String note = "…(cut from " + value.length() + " characters)";
        int keep = maxChars - note.length();
        if (Character.isHighSurrogate(clean.charAt(keep - 1))) {
            keep--; // never half a character
        }
        cuts.accept(field + ": " + value.length() + " characters (expected: at most " + maxChars + "); cut");
        return clean.substring(0, keep) + note;
    }
}
