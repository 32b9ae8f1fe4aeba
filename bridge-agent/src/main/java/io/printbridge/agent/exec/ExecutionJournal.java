package io.printbridge.agent.exec;

import static java.util.Objects.requireNonNull;

import io.printbridge.proto.v1.CommandResult;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The agent's memory of which commands it has started and how they ended. The server delivers
 * at least once (it redelivers whatever it has no result for after a reconnect); the journal
 * turns that into at most one execution: a command seen before is answered from here.
 */
public interface ExecutionJournal {

    /**
     * What the journal knows of one command.
     *
     * @param startedAt when the agent started it (or, for a command that never ran, when its
     *     outcome was recorded), on the wall clock: for people reading an answer
     * @param result the outcome; present exactly when {@code state} is {@link State#FINISHED}
     */
    record Entry(
            String commandId,
            State state,
            Instant startedAt,
            @Nullable CommandResult result) {

        /** Where a command stands, as far as the journal knows. */
        public enum State {
            /** Started by this run of the agent and not finished yet: its result will follow. */
            RUNNING,
            /**
             * Started by an earlier run of the agent, which stopped (crash, kill, power cut)
             * before recording the outcome: bytes may or may not have reached the printer.
             */
            INTERRUPTED,
            /** Finished with the recorded {@code result}. */
            FINISHED
        }

        public Entry {
            requireNonNull(commandId, "commandId");
            requireNonNull(state, "state");
            requireNonNull(startedAt, "startedAt");
            if ((state == State.FINISHED) != (result != null)) {
                throw new IllegalArgumentException("result: " + (result == null ? "absent" : "present") + " for a "
                        + state + " entry (expected: a result exactly when FINISHED)");
            }
        }

        public static Entry running(String commandId, Instant startedAt) {
            return new Entry(commandId, State.RUNNING, startedAt, null);
        }

        public static Entry interrupted(String commandId, Instant startedAt) {
            return new Entry(commandId, State.INTERRUPTED, startedAt, null);
        }

        public static Entry finished(String commandId, Instant startedAt, CommandResult result) {
            return new Entry(commandId, State.FINISHED, startedAt, requireNonNull(result, "result"));
        }
    }

    Optional<Entry> find(String commandId);

    /**
     * Records that execution begins, before the first byte goes to the printer. A journal that
     * survives restarts has handed the record to the operating system when this returns.
     *
     * @throws java.io.UncheckedIOException if the start could not be recorded: the command must
     *     then not be executed, since a crash would leave no trace of it
     */
    void started(String commandId);

    /**
     * Records the outcome; from now on a redelivery is answered with it. Also accepts a command
     * that never started (one that expired in the queue).
     *
     * <p>A journal that survives restarts may leave the outcome in the operating system's hands
     * until {@link #sync()} or the next {@link #started}, which forces it to the disk with the new
     * start: a busy printer pays for one disk flush per command, not two. Lost in a power cut, the
     * outcome reads as interrupted after the restart: never executed again, only less precise.
     *
     * @throws java.io.UncheckedIOException if the outcome could not be recorded; the entry is
     *     finished in memory all the same, and reads as interrupted after a restart
     */
    void finished(String commandId, CommandResult result);

    /** Forces recorded outcomes to the disk, for a journal that survives restarts; called when the agent is idle. */
    default void sync() {}
}
