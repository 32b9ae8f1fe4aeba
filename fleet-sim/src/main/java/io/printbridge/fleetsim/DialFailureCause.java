package io.printbridge.fleetsim;

import io.grpc.Status;

/**
 * What ended a dial before its Welcome, in a few words that group alike failures: the innermost
 * cause's class and the end of its message ({@code NativeIoException: Connection reset by peer},
 * {@code SslHandshakeTimeoutException: handshake timed out after 10000ms}). grpc's own status says
 * only UNAVAILABLE for nearly all of them, which does not tell a reset from a timeout.
 */
final class DialFailureCause {

    private static final int LONGEST = 80;

    private DialFailureCause() {}

    static String of(Status status) {
        Throwable cause = status.getCause();
        if (cause == null) {
            String description = status.getDescription();
            return shorten(status.getCode() + (description == null ? "" : ": " + description));
        }
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        // Addresses and ports differ for every dial: left out so that alike failures group.
        message = message.replaceAll("\\S*/?\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+", "")
                .strip()
                .replaceAll(":$", "");
        // Netty's native errors read "recvAddress(..) failed with error(-104): Connection reset by
        // peer": the reason is after the last colon.
        int colon = message.lastIndexOf(": ");
        String reason = colon >= 0 ? message.substring(colon + 2) : message;
        return shorten(cause.getClass().getSimpleName() + (reason.isEmpty() ? "" : ": " + reason));
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= LONGEST ? oneLine : oneLine.substring(0, LONGEST - 1) + "…";
    }
}
