package io.printbridge.server.dashboard;

/** An action that cannot be done as asked (unknown printer, a job that may not be retried); a 400 page. */
final class ActionRefusedException extends RuntimeException {

    private final String reason;

    ActionRefusedException(String reason) {
        super(reason);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
