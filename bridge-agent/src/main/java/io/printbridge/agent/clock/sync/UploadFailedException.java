package io.printbridge.agent.clock.sync;

/**
 * A batch of punches was not acknowledged as stored: no stream to a server that stores
 * attendance, no answer in time, or a refusal. The records stay behind the read cursor and go
 * again at the next read.
 */
final class UploadFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    UploadFailedException(String message) {
        super(message);
    }
}
