package io.printbridge.agent.exec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another agent (another process, or another journal in this one) already uses the journal
 * directory. Two agents sharing one journal would each believe the other's commands unknown and
 * could print a redelivered job twice, so the second one does not start.
 */
public final class JournalInUseException extends IOException {

    private static final long serialVersionUID = 1L;

    JournalInUseException(Path directory, Path lockFile) {
        super("journal " + directory + " is already in use by another agent (it holds the lock on "
                + lockFile.getFileName()
                + "). Each agent needs a journal of its own (expected: one agent per data.dir); stop the other agent or give"
                + " this one another data.dir.");
    }
}
