package io.printbridge.agent.clock.sync;

import static java.util.Objects.requireNonNull;

/**
 * A batch of punches was not acknowledged as stored: no stream to a server that stores
 * attendance, no answer in time, or a refusal. The records stay behind the read cursor and go
 * again at the next read; {@link #reason} says how soon that read can do better.
 */
final class UploadFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the batch was not acknowledged. */
    enum Reason {
        /** Not sent, or the stream ended before the answer: the link's next Welcome asks for a read. */
        NO_STREAM,
        /** The server answered that it did not store it (busy, or another batch of the store under way). */
        REFUSED,
        /** Sent and not answered in time: a slow or stuck server. */
        NO_ANSWER
    }

    private final Reason reason;

    UploadFailedException(Reason reason, String message) {
        super(message);
        this.reason = requireNonNull(reason, "reason");
    }

    Reason reason() {
        return reason;
    }
}
