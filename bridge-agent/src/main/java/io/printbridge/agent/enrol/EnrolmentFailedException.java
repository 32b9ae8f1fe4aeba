package io.printbridge.agent.enrol;

/** Enrolment did not happen, with a message for the person at the PC that says what to do. */
public final class EnrolmentFailedException extends Exception {

    public EnrolmentFailedException(String message) {
        super(message);
    }

    public EnrolmentFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
