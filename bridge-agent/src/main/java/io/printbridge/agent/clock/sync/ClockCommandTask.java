package io.printbridge.agent.clock.sync;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.exec.CommandExecutor;
import io.printbridge.agent.exec.Ticker;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.CommandSucceeded;
import io.printbridge.proto.v1.EmployeePrivilege;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.PushEmployee;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One of the server's clock commands, run on the clock's thread; answers exactly once. */
final class ClockCommandTask implements ClockTask {

    private static final Logger log = LoggerFactory.getLogger(ClockCommandTask.class);
    private static final Pattern USER_ID = Pattern.compile("[0-9]{1,9}");
    private static final Pattern CARD = Pattern.compile("[0-9]{1,10}");
    /** Bytes a clock keeps of a name. */
    static final int NAME_BYTES = 24;

    private final Command command;
    private final ClockSettings settings;
    private final long ttlStartNanos;
    private final Ticker ticker;
    private final Consumer<CommandResult> results;

    ClockCommandTask(
            Command command,
            ClockSettings settings,
            long ttlStartNanos,
            Ticker ticker,
            Consumer<CommandResult> results) {
        this.command = requireNonNull(command, "command");
        this.settings = requireNonNull(settings, "settings");
        this.ttlStartNanos = ttlStartNanos;
        this.ticker = requireNonNull(ticker, "ticker");
        this.results = requireNonNull(results, "results");
    }

    @Override
    public void run(ClockConnection connection, ClockWorker.Session session)
            throws ClockException, InterruptedException {
        long deadline =
                ttlStartNanos + ProtoDurations.toJava(command.getTimeToLive()).toNanos();
        if (ticker.nanoTime() - deadline > 0) {
            results.accept(failure(
                    FailureCode.FAILURE_CODE_EXPIRED,
                    "not executed: its time to live ran out before clock " + settings.name() + " was free"));
            return;
        }
        CommandResult.Builder result = CommandResult.newBuilder().setCommandId(command.getId());
        try {
            switch (command.getActionCase()) {
                case READ_CLOCK_INFO -> {}
                case SET_CLOCK_TIME ->
                    connection.setTime(LocalDateTime.ofInstant(serverNow(), settings.zone())
                            .withNano(0));
                case PUSH_EMPLOYEE -> {
                    ClockUser user;
                    try {
                        user = user(command.getPushEmployee(), connection.users());
                    } catch (IllegalArgumentException e) {
                        results.accept(
                                failure(FailureCode.FAILURE_CODE_INVALID_ARGUMENT, String.valueOf(e.getMessage())));
                        return;
                    }
                    connection.putUser(user);
                    session.readNames();
                }
                case REMOVE_EMPLOYEE -> {
                    String userId = command.getRemoveEmployee().getUserId();
                    if (!USER_ID.matcher(userId).matches()) {
                        results.accept(failure(
                                FailureCode.FAILURE_CODE_INVALID_ARGUMENT,
                                "user_id: \"" + userId + "\" (expected: 1 to 9 digits)"));
                        return;
                    }
                    connection.deleteUser(userId);
                    session.readNames();
                }
                case CLEAR_ATTENDANCE -> {
                    CommandResult.Builder cleared = guardedClear(connection, session, result);
                    if (cleared == null) {
                        return;
                    }
                }
                default -> throw new IllegalStateException("not a clock action: " + command.getActionCase());
            }
            session.check();
            result.setSucceeded(CommandSucceeded.getDefaultInstance()).setClockInfo(session.statusInfo());
            results.accept(result.build());
        } catch (ClockException e) {
            log.warn("command {} failed on clock {}: {}", command.getId(), settings.name(), e.getMessage());
            results.accept(failure(ClockMessages.failure(e.kind()), String.valueOf(e.getMessage())));
            if (e.kind() != ClockException.Kind.REFUSED) {
                throw e; // the connection is spent
            }
        }
    }

    /**
     * Stops the clock taking punches, reads its whole log, sends what the server has not
     * acknowledged, and clears the log only when the cursor covers every record read; the clock
     * takes punches again whatever happens. Null when it answered a failure itself.
     */
    private CommandResult.@org.jspecify.annotations.Nullable Builder guardedClear(
            ClockConnection connection, ClockWorker.Session session, CommandResult.Builder result)
            throws ClockException, InterruptedException {
        CommandResult refusal = null;
        int cleared = 0;
        connection.disable();
        try {
            List<ClockRecord> records = connection.records();
            try {
                session.sendLog(records);
                if (session.cursor().covers(session.serial(), records)) {
                    connection.clearRecords();
                    session.clearedAll();
                    cleared = records.size();
                } else {
                    refusal = failure(
                            FailureCode.FAILURE_CODE_NOT_ALL_STORED,
                            "clock " + settings.name()
                                    + " holds records the server has not acknowledged: nothing cleared");
                }
            } catch (UploadFailedException e) {
                refusal = failure(
                        FailureCode.FAILURE_CODE_NOT_ALL_STORED,
                        "clock " + settings.name() + " holds " + records.size() + " records and the server has not"
                                + " acknowledged them all (" + e.getMessage() + "): nothing cleared");
            }
        } finally {
            // Taking punches again comes before any answer: nobody is told "done" at a clock that refuses them.
            connection.enable();
        }
        if (refusal != null) {
            results.accept(refusal);
            return null;
        }
        log.info("clock {}: {} records cleared, every one acknowledged by the server", settings.name(), cleared);
        return result.setRecordsCleared(cleared);
    }

    /** The server's time now: when it sent the command plus the time since. */
    private Instant serverNow() {
        Instant sentAt = ProtoTimestamps.toJava(command.getSentAt());
        return sentAt.plusNanos(ticker.nanoTime() - ttlStartNanos);
    }

    static ClockUser user(PushEmployee push, List<ClockUser> onClock) {
        String userId = push.getUserId();
        if (!USER_ID.matcher(userId).matches()) {
            throw new IllegalArgumentException("user_id: \"" + userId + "\" (expected: 1 to 9 digits)");
        }
        String name = push.getName().strip();
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_BYTES) {
            throw new IllegalArgumentException(
                    "name: \"" + name + "\" is " + name.getBytes(StandardCharsets.UTF_8).length
                            + " bytes (expected: at most " + NAME_BYTES + " bytes once encoded)");
        }
        String card = push.getCardNumber().isEmpty() ? "0" : push.getCardNumber();
        if (!CARD.matcher(card).matches() || Long.parseLong(card) > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(
                    "card_number: \"" + card + "\" (expected: up to 10 digits, at most 4294967295)");
        }
        int uid = onClock.stream()
                .filter(u -> u.userId().equals(userId))
                .mapToInt(ClockUser::uid)
                .findFirst()
                .orElse(0);
        int privilege =
                push.getPrivilege() == EmployeePrivilege.EMPLOYEE_PRIVILEGE_ADMIN ? ClockUser.ADMIN : ClockUser.USER;
        return new ClockUser(uid, userId, name, privilege, "", Long.parseLong(card));
    }

    @Override
    public void unreachable(ClockException why) {
        results.accept(
                failure(ClockMessages.failure(why.kind()), "clock " + settings.name() + ": " + why.getMessage()));
    }

    private CommandResult failure(FailureCode code, String message) {
        return CommandExecutor.failure(command.getId(), code, message);
    }
}
