package io.printbridge.agent.exec;

import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.FailureCode;
import java.util.function.Consumer;

/**
 * Where the executor sends the commands meant for an attendance clock (contract revision 4):
 * the clocks' own threads, which hold their connections. Printers and clocks never wait on
 * each other.
 */
public interface ClockCommands {

    /** An agent with no clock: every clock command is answered UNKNOWN_CLOCK. */
    ClockCommands NONE = (command, ttlStartNanos, results) -> results.accept(CommandExecutor.failure(
            command.getId(),
            FailureCode.FAILURE_CODE_UNKNOWN_CLOCK,
            "this agent has no attendance clock configured (expected: a clock named \"" + command.getClock() + "\")"));

    /**
     * Queues {@code command} for its clock; {@code results} receives exactly one result, possibly
     * on another thread, unless the same command is already queued (its first delivery answers).
     */
    void execute(Command command, long ttlStartNanos, Consumer<CommandResult> results);
}
