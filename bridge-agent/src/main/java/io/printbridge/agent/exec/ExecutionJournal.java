package io.printbridge.agent.exec;

import io.printbridge.proto.v1.CommandResult;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The agent's memory of which commands it has started and how they ended. The server delivers
 * at least once (it redelivers whatever it has no result for after a reconnect); the journal
 * turns that into at most one execution: a command seen before is answered from here.
 */
public interface ExecutionJournal {

    /** What the journal knows of one command. {@code result} is null while it has not finished. */
    record Entry(String commandId, @Nullable CommandResult result) {
        public boolean finished() {
            return result != null;
        }
    }

    Optional<Entry> find(String commandId);

    /** Records that execution begins, before the first byte goes to the printer. */
    void started(String commandId);

    /** Records the outcome; from now on a redelivery is answered with it. */
    void finished(String commandId, CommandResult result);
}
