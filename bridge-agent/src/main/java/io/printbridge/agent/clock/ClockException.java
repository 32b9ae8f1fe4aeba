package io.printbridge.agent.clock;

import static java.util.Objects.requireNonNull;

/**
 * A clock could not be read or written. The message names the clock's address and what was
 * expected ("192.168.1.201:4370: no answer to CMD_CONNECT within 3 s").
 */
public final class ClockException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What kind of failure, as the agent reports it to the server. */
    public enum Kind {
        /** No answer, or the connection dropped: try again later. */
        OFFLINE,
        /** The clock refused the comm key: retrying with the same key will not help. */
        AUTH_REFUSED,
        /** The clock answered something that is not the ZK protocol, or broke it mid-exchange. */
        PROTOCOL_ERROR,
        /** The clock refused a request it understood (a full user table, an unknown user id). */
        REFUSED
    }

    private final Kind kind;

    public ClockException(Kind kind, String message) {
        super(message);
        this.kind = requireNonNull(kind, "kind");
    }

    public ClockException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
