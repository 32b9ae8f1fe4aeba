package io.printbridge.agent.exec;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The journal file is damaged somewhere other than its last record, so part of the agent's
 * memory of executed commands is lost. The agent refuses to start with it rather than start
 * empty without anyone deciding so, since an empty journal may print a redelivered job again.
 */
public final class CorruptJournalException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Path file;
    private final long offset;

    CorruptJournalException(Path file, long offset, String problem) {
        super("journal " + file + " is damaged at byte offset " + offset + ": " + problem
                + ". The agent will not start with it, since it would forget which commands it already"
                + " executed. To start anyway, move the file away (keep it for diagnosis): the agent then"
                + " starts with an empty journal and may print again a command the server redelivers.");
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** Where the first damaged record starts, in bytes from the start of the file. */
    public long offset() {
        return offset;
    }
}
