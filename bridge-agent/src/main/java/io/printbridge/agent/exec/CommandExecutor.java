package io.printbridge.agent.exec;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.exec.ExecutionJournal.Entry;
import io.printbridge.agent.printer.DrawerPulse;
import io.printbridge.agent.printer.PrinterFailure;
import io.printbridge.agent.printer.PrinterStatus;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandFailed;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.CommandSucceeded;
import io.printbridge.proto.v1.DrawerOutcome;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.PrintBytes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the server's commands on the agent's printers, each at most once: the journal is
 * consulted before anything touches a printer, and a command whose time to live ran out is
 * answered EXPIRED without being executed (no drawer opens late).
 *
 * <p>A print may ask for the drawer after it ({@code open_drawer_after}): the pulse goes out with
 * the printer's configured pin and length only while the drawer's own, much shorter, time to
 * live lasts, checked right before the pulse is written; late, the receipt prints and the drawer
 * stays shut, and the result says which ({@code CommandResult.drawer}). The outcome is part of
 * the journaled result, so a redelivery never pulses again.
 *
 * <p>A command the journal knows is never executed again. Finished, it is answered with the
 * recorded result. Interrupted (an earlier run of the agent started it and stopped before
 * knowing the outcome), it is answered INTERRUPTED, and that answer is recorded as its outcome
 * so every later redelivery gets the same one. Both answers are marked {@code replayed}: the
 * command was not executed for this delivery.
 *
 * <p>A command enters the journal only when its printer's thread is about to execute it, not
 * while it waits in the queue: if the agent stops with commands queued behind a long receipt,
 * those never touched the printer and run normally when redelivered, instead of coming back
 * INTERRUPTED.
 */
public final class CommandExecutor {

    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);

    private final Printers printers;
    private final ClockCommands clocks;
    private final ExecutionJournal journal;
    private final Ticker ticker;
    /**
     * Held while deciding whether a command is new and claiming it, so two deliveries of one
     * command (an old stream and its replacement) cannot both run it. Guards {@link #queued}.
     */
    private final Object admission = new Object();
    /** Commands accepted in this run that wait for their printer, not yet in the journal. */
    private final Set<String> queued = new HashSet<>();

    public CommandExecutor(Printers printers, ExecutionJournal journal, Ticker ticker) {
        this(printers, journal, ticker, ClockCommands.NONE);
    }

    /**
     * @param clocks runs the commands meant for an attendance clock; they do not go through the
     *     journal: each is harmless to run twice (an info read, the time set again, an employee
     *     written again, a clear guarded by what the server acknowledged)
     */
    public CommandExecutor(Printers printers, ExecutionJournal journal, Ticker ticker, ClockCommands clocks) {
        this.clocks = requireNonNull(clocks, "clocks");
        this.printers = requireNonNull(printers, "printers");
        this.journal = requireNonNull(journal, "journal");
        this.ticker = requireNonNull(ticker, "ticker");
    }

    /**
     * Queues {@code command} on its printer. {@code results} receives exactly one result,
     * possibly on another thread, unless the same command is already queued or running (its
     * first delivery reports).
     *
     * @param ttlStartNanos when the command's time to live starts counting, on {@link Ticker}: its
     *     receipt, less its time in transit where the link knows it
     */
    public void execute(Command command, long ttlStartNanos, Consumer<CommandResult> results) {
        requireNonNull(command, "command");
        requireNonNull(results, "results");
        if (isClockAction(command)) {
            clocks.execute(command, ttlStartNanos, results);
            return;
        }
        String id = command.getId();
        Optional<PrinterWorker> worker = printers.find(command.getPrinter());
        CommandResult answer;
        synchronized (admission) {
            Optional<Entry> seen = journal.find(id);
            if (queued.contains(id)
                    || seen.filter(e -> e.state() == Entry.State.RUNNING).isPresent()) {
                log.info("command {} is already queued or running: its result will follow", id);
                return;
            }
            if (seen.isPresent()) {
                answer = answerFromJournal(seen.get());
            } else if (worker.isPresent()) {
                enqueue(command, worker.get(), ttlStartNanos, results);
                return;
            } else {
                answer = failure(
                        id,
                        FailureCode.FAILURE_CODE_UNKNOWN_PRINTER,
                        "no printer named \"" + command.getPrinter() + "\" on this agent");
            }
        }
        results.accept(answer);
    }

    /** Whether {@code command}'s action is one of an attendance clock's. */
    public static boolean isClockAction(Command command) {
        return switch (command.getActionCase()) {
            case READ_CLOCK_INFO, SET_CLOCK_TIME, PUSH_EMPLOYEE, REMOVE_EMPLOYEE, CLEAR_ATTENDANCE -> true;
            default -> false;
        };
    }

    /** The answer to a command the journal knows as finished or interrupted. */
    private CommandResult answerFromJournal(Entry entry) {
        String id = entry.commandId();
        CommandResult result = entry.result();
        if (result != null) {
            log.info("command {} was already executed: answering with the recorded result", id);
            return result.toBuilder().setReplayed(true).build();
        }
        Instant startedAt = entry.startedAt().truncatedTo(ChronoUnit.SECONDS);
        log.warn(
                "command {} was started at {} before the agent stopped and never finished: answering INTERRUPTED"
                        + " instead of executing it again",
                id,
                startedAt);
        CommandResult interrupted = failure(
                id,
                FailureCode.FAILURE_CODE_INTERRUPTED,
                "started at " + startedAt + ", before the agent stopped; whether it printed is unknown");
        recordOutcome(id, interrupted);
        return interrupted.toBuilder().setReplayed(true).build();
    }

    /** Called under {@link #admission}. */
    private void enqueue(Command command, PrinterWorker worker, long ttlStartNanos, Consumer<CommandResult> results) {
        String id = command.getId();
        queued.add(id);
        try {
            worker.submit(() -> {
                results.accept(runOnce(command, worker, ttlStartNanos));
                // After the answer, not before: the server should not wait for this flush. Lost in a
                // crash, the outcome reads as interrupted after the restart: never run again, and
                // the server, which already has the answer, does not ask.
                syncIfIdle();
                return null;
            });
        } catch (RejectedExecutionException e) {
            // The printer is shutting down with the agent. Nothing ran and nothing was recorded,
            // so no answer: the server redelivers the command after the agent's restart.
            queued.remove(id);
            log.info(
                    "command {} not queued: printer {} is shutting down",
                    id,
                    worker.printer().name());
        }
    }

    /** On the printer's thread: records the start, executes, records the outcome. */
    private CommandResult runOnce(Command command, PrinterWorker worker, long ttlStartNanos) {
        String id = command.getId();
        long deadlineNanos =
                ttlStartNanos + ProtoDurations.toJava(command.getTimeToLive()).toNanos();
        if (ticker.nanoTime() - deadlineNanos > 0) {
            CommandResult expired = failure(
                    id,
                    FailureCode.FAILURE_CODE_EXPIRED,
                    "not executed: its time to live ran out before printer "
                            + worker.printer().name() + " was free");
            synchronized (admission) {
                recordOutcome(id, expired);
                queued.remove(id);
            }
            return expired;
        }
        synchronized (admission) {
            queued.remove(id);
            try {
                journal.started(id);
            } catch (RuntimeException e) {
                log.error("command {} not executed: the journal could not record its start", id, e);
                return failure(
                        id,
                        FailureCode.FAILURE_CODE_INTERNAL,
                        "not executed: the agent could not record its start in its journal (" + e.getMessage() + ")");
            }
        }
        CommandResult result = run(command, worker, ttlStartNanos, deadlineNanos);
        recordOutcome(id, result);
        return result;
    }

    /**
     * Forces recorded outcomes to the disk when no other command waits for a printer. With work
     * waiting, the next command's start forces them anyway (see {@link ExecutionJournal#finished}).
     */
    private void syncIfIdle() {
        boolean idle;
        synchronized (admission) {
            idle = queued.isEmpty();
        }
        if (idle) {
            journal.sync();
        }
    }

    /**
     * Records an outcome. A failure is logged, not thrown: the server must still hear the result,
     * and after a restart the command reads as interrupted, the truth as far as the disk knows.
     */
    private void recordOutcome(String id, CommandResult result) {
        try {
            journal.finished(id, result);
        } catch (RuntimeException e) {
            log.error("command {}: the journal could not record its outcome", id, e);
        }
    }

    private CommandResult run(Command command, PrinterWorker worker, long ttlStartNanos, long deadlineNanos) {
        String id = command.getId();
        try {
            CommandResult.Builder result = CommandResult.newBuilder().setCommandId(id);
            switch (command.getActionCase()) {
                case PRINT -> {
                    PrintBytes print = command.getPrint();
                    long written;
                    try {
                        written = worker.printer().print(print.getData().toByteArray(), print.getRequireReady());
                    } catch (PrinterFailure | RuntimeException e) {
                        if (print.hasOpenDrawerAfter()) {
                            throw new PrintFailedBeforeDrawer(e);
                        }
                        throw e;
                    }
                    result.setSucceeded(CommandSucceeded.newBuilder().setBytesWritten(written));
                    if (print.hasOpenDrawerAfter()) {
                        long drawerDeadline = ttlStartNanos
                                + ProtoDurations.toJava(
                                                print.getOpenDrawerAfter().getTimeToLive())
                                        .toNanos();
                        drawerAfterPrint(worker, drawerDeadline, result);
                    }
                }
                case OPEN_DRAWER -> {
                    @Nullable DrawerPulse pulse;
                    try {
                        int millis = command.getOpenDrawer().getPulseMs();
                        pulse = millis == 0 ? null : new DrawerPulse(Duration.ofMillis(millis));
                    } catch (IllegalArgumentException e) {
                        throw new PrinterFailure(
                                PrinterFailure.Reason.INVALID_ARGUMENT,
                                Objects.requireNonNullElse(e.getMessage(), e.toString()));
                    }
                    worker.printer().openDrawer(command.getOpenDrawer().getPin(), pulse, () -> inTime(deadlineNanos));
                    result.setSucceeded(CommandSucceeded.getDefaultInstance());
                }
                case QUERY_STATUS -> result.setSucceeded(CommandSucceeded.getDefaultInstance());
                case READ_CLOCK_INFO, SET_CLOCK_TIME, PUSH_EMPLOYEE, REMOVE_EMPLOYEE, CLEAR_ATTENDANCE ->
                    throw new IllegalStateException("clock command " + id + " reached a printer");
                case ACTION_NOT_SET -> {
                    return failure(
                            id,
                            FailureCode.FAILURE_CODE_UNSUPPORTED,
                            "this agent does not know the command's action (it is older than the server)");
                }
            }
            PrinterStatus after = worker.refreshStatus();
            result.setPrinterStatus(StatusMessages.toProto(after));
            if (command.getActionCase() != Command.ActionCase.QUERY_STATUS && StoppedPrinter.stopped(after)) {
                log.warn(
                        "command {}: printer {} stopped as the command reached it: {}",
                        id,
                        worker.printer().name(),
                        after.detail());
                return StoppedPrinter.outcomeUnknown(
                        result, command.getActionCase(), worker.printer().name(), after);
            }
            return result.build();
        } catch (PrintFailedBeforeDrawer e) {
            CommandResult failed = failed(id, worker, e.failure);
            return failed.toBuilder()
                    .setDrawer(DrawerOutcome.DRAWER_OUTCOME_NOT_OPENED)
                    .setDrawerDetail("the receipt did not print, so the drawer was not opened")
                    .build();
        } catch (PrinterFailure | RuntimeException e) {
            return failed(id, worker, e);
        }
    }

    private CommandResult failed(String id, PrinterWorker worker, Throwable e) {
        if (e instanceof PrinterFailure failure) {
            String message = Objects.requireNonNullElse(
                    failure.getMessage(), failure.reason().toString());
            log.warn("command {} failed on printer {}: {}", id, worker.printer().name(), message);
            PrinterStatus after = worker.refreshStatus();
            return failure(id, StatusMessages.toProto(failure.reason()), message).toBuilder()
                    .setPrinterStatus(StatusMessages.toProto(after))
                    .build();
        }
        log.error(
                "command {} failed unexpectedly on printer {}",
                id,
                worker.printer().name(),
                e);
        return failure(id, FailureCode.FAILURE_CODE_INTERNAL, "agent error: " + e);
    }

    /**
     * The pulse after a printed receipt, on the printer's configured pin and pulse, only before
     * {@code deadlineNanos}; records on {@code result} what became of the drawer.
     */
    private void drawerAfterPrint(PrinterWorker worker, long deadlineNanos, CommandResult.Builder result) {
        String printer = worker.printer().name();
        if (!worker.printer().settings().hasDrawer()) {
            result.setDrawer(DrawerOutcome.DRAWER_OUTCOME_NO_DRAWER)
                    .setDrawerDetail("printer " + printer + " has no cash drawer configured");
            return;
        }
        if (!inTime(deadlineNanos)) {
            result.setDrawer(DrawerOutcome.DRAWER_OUTCOME_EXPIRED)
                    .setDrawerDetail("the receipt printed after the drawer's time to live; the drawer was not opened");
            return;
        }
        try {
            worker.printer().openDrawer(0, null, () -> inTime(deadlineNanos));
            result.setDrawer(DrawerOutcome.DRAWER_OUTCOME_OPENED);
        } catch (PrinterFailure e) {
            DrawerOutcome outcome = switch (e.reason()) {
                case LATE -> DrawerOutcome.DRAWER_OUTCOME_EXPIRED;
                case NO_DRAWER -> DrawerOutcome.DRAWER_OUTCOME_NO_DRAWER;
                default -> DrawerOutcome.DRAWER_OUTCOME_FAILED;
            };
            log.warn("printer {}: receipt printed, drawer not opened: {}", printer, e.getMessage());
            result.setDrawer(outcome).setDrawerDetail(e.getMessage());
        }
    }

    private boolean inTime(long deadlineNanos) {
        return ticker.nanoTime() - deadlineNanos <= 0;
    }

    /** A print that asked for the drawer failed: its result says the drawer stayed shut. */
    private static final class PrintFailedBeforeDrawer extends Exception {
        final Throwable failure;

        PrintFailedBeforeDrawer(Throwable failure) {
            super(failure);
            this.failure = failure;
        }
    }

    /** The result of a command that failed with {@code code}; every executor of commands answers so. */
    public static CommandResult failure(String id, FailureCode code, String message) {
        return CommandResult.newBuilder()
                .setCommandId(id)
                .setFailed(CommandFailed.newBuilder().setCode(code).setMessage(message))
                .build();
    }
}
