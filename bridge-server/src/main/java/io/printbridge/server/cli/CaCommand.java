package io.printbridge.server.cli;

import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bridge-server ca ...}: rolling the store CA with overlapping trust. Add the new CA (trusted
 * at once, handed to agents), make it issue, let renewals move the shops over while {@code status}
 * counts them, then retire the old one. These work on the database; servers sharing it take a
 * change up within {@code bridge.identity.ca-refresh-interval} (30 s).
 */
@Command(
        name = "ca",
        description = "Rolls the store CA: add a new one, issue from it, see who is still on the old one, retire it.",
        subcommands = {AddCaCommand.class, IssueFromCaCommand.class, CaStatusCommand.class, RetireCaCommand.class})
final class CaCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ServerCommand server;

    @Mixin
    HelpOption help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "expected a command: add, issue-from, status or retire");
    }

    CliEnvironment environment() {
        return server.environment();
    }

    /** The server's database and CA beans, or a failure that says what to do (a server holds the H2 file). */
    ApplicationContext openDatabase() {
        try {
            return DatabaseTokens.startContext(environment());
        } catch (RuntimeException e) {
            if (DatabaseTokens.databaseInUse(e)) {
                throw new CliFailure(
                        "the database is in use by a running server (its H2 file can be opened by one process at a"
                                + " time): stop the server first, or run the server on PostgreSQL",
                        e);
            }
            throw new CliFailure("cannot open the server's database: " + e.getMessage(), e);
        }
    }

    /** What servers running on the database do about a change made here. */
    static String takenUp() {
        return "running servers take it up within 30 s (bridge.identity.ca-refresh-interval)";
    }
}
