package io.printbridge.server.cli;

/** A command that could not be done for a reason outside its command line: exit status 1, with this message. */
final class CliFailure extends RuntimeException {

    CliFailure(String message) {
        super(message);
    }

    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
