package io.printbridge.agent.exec;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.printer.DrawerPulse;
import io.printbridge.agent.printer.PrinterFailure;
import io.printbridge.agent.printer.PrinterStatus;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandFailed;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.CommandSucceeded;
import io.printbridge.proto.v1.FailureCode;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the server's commands on the agent's printers, each at most once: the journal is
 * consulted before anything touches a printer, and a command whose time to live ran out is
 * answered EXPIRED without being executed (no drawer opens late).
 */
public final class CommandExecutor {

    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

    private final Printers printers;
    private final ExecutionJournal journal;
    private final Ticker ticker;

    public CommandExecutor(Printers printers, ExecutionJournal journal, Ticker ticker) {
        this.printers = requireNonNull(printers, "printers");
        this.journal = requireNonNull(journal, "journal");
        this.ticker = requireNonNull(ticker, "ticker");
    }

    /**
     * Queues {@code command} on its printer. {@code results} receives exactly one result,
     * possibly on another thread, unless the same command is already running (its first
     * delivery reports).
     *
     * @param receivedAtNanos when the message arrived, on {@link Ticker}: the time to live runs from there
     */
    public void execute(Command command, long receivedAtNanos, Consumer<CommandResult> results) {
        String id = command.getId();
        Optional<ExecutionJournal.Entry> seen = journal.find(id);
        if (seen.isPresent()) {
            ExecutionJournal.Entry entry = seen.get();
            if (entry.finished()) {
                log.info("command {} was already executed: answering with the recorded result", id);
                results.accept(entry.result().toBuilder().setReplayed(true).build());
            } else {
                log.info("command {} is already running: its result will follow", id);
            }
            return;
        }
        Optional<PrinterWorker> worker = printers.find(command.getPrinter());
        if (worker.isEmpty()) {
            results.accept(failure(id, FailureCode.FAILURE_CODE_UNKNOWN_PRINTER,
                    "no printer named \"" + command.getPrinter() + "\" on this agent"));
            return;
        }
        long deadline = receivedAtNanos + TimeUnit.SECONDS.toNanos(command.getTimeToLive().getSeconds())
                + command.getTimeToLive().getNanos();
        journal.started(id);
        worker.get().submit(() -> {
            CommandResult result = run(command, worker.get(), deadline);
            journal.finished(id, result);
            results.accept(result);
            return null;
        });
    }

    private CommandResult run(Command command, PrinterWorker worker, long deadlineNanos) {
        String id = command.getId();
        if (ticker.nanoTime() - deadlineNanos > 0) {
            return failure(id, FailureCode.FAILURE_CODE_EXPIRED, "not executed: its time to live ran out before printer "
                    + worker.printer().name() + " was free");
        }
        try {
            CommandResult.Builder result = CommandResult.newBuilder().setCommandId(id);
            switch (command.getActionCase()) {
                case PRINT -> {
                    long written = worker.printer().print(command.getPrint().getData().toByteArray(),
                            command.getPrint().getRequireReady());
                    result.setSucceeded(CommandSucceeded.newBuilder().setBytesWritten(written));
                }
                case OPEN_DRAWER -> {
                    DrawerPulse pulse;
                    try {
                        pulse = DrawerPulse.ofMillis(command.getOpenDrawer().getPulseMs());
                    } catch (IllegalArgumentException e) {
                        throw new PrinterFailure(PrinterFailure.Reason.INVALID_ARGUMENT, e.getMessage());
                    }
                    worker.printer().openDrawer(command.getOpenDrawer().getPin(), pulse);
                    result.setSucceeded(CommandSucceeded.getDefaultInstance());
                }
                case QUERY_STATUS -> result.setSucceeded(CommandSucceeded.getDefaultInstance());
                case ACTION_NOT_SET -> {
                    return failure(id, FailureCode.FAILURE_CODE_UNSUPPORTED,
                            "this agent does not know the command's action (it is older than the server)");
                }
            }
            PrinterStatus after = worker.refreshStatus();
            return result.setPrinterStatus(StatusMessages.toProto(after)).build();
        } catch (PrinterFailure e) {
            log.warn("command {} failed on printer {}: {}", id, worker.printer().name(), e.getMessage());
            PrinterStatus after = worker.refreshStatus();
            return failure(id, StatusMessages.toProto(e.reason()), e.getMessage()).toBuilder()
                    .setPrinterStatus(StatusMessages.toProto(after)).build();
        } catch (RuntimeException e) {
            log.error("command {} failed unexpectedly on printer {}", id, worker.printer().name(), e);
            return failure(id, FailureCode.FAILURE_CODE_INTERNAL, "agent error: " + e);
        }
    }

    static CommandResult failure(String id, FailureCode code, String message) {
        return CommandResult.newBuilder()
                .setCommandId(id)
                .setFailed(CommandFailed.newBuilder().setCode(code).setMessage(message))
                .build();
    }
}
