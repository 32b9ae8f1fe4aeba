package io.printbridge.server.cli;

/**
 * A command that cannot be done as asked, for a reason the user has to change that is not the
 * command line's form (a backup asked of a PostgreSQL database, a file that is not a backup):
 * exit status 2, with this message and without the usage.
 */
final class CliRefusal extends RuntimeException {

    CliRefusal(String message) {
        super(message);
    }
}
