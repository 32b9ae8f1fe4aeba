package io.printbridge.server.attendance;

/**
 * A batch of punches the server will not store as it is: the message names the field, its value
 * and what was expected. The agent keeps its read cursor, so nothing is lost.
 */
public final class AttendanceRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AttendanceRefusedException(String message) {
        super(message);
    }
}
