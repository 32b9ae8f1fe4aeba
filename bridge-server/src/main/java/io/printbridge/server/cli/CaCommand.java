package io.printbridge.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bridge-server ca ...}: rolling the store CA with overlapping trust. Add the new CA (trusted
 * at once, handed to agents), make it issue, let renewals move the shops over while {@code status}
 * counts them, then retire the old one. On the database directly, servers sharing it take a change
 * up within {@code bridge.identity.ca-refresh-interval} (30 s); through a server ({@code --server}),
 * that server at once.
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

    /** Where the command works: through a server with {@code --server}, else on the database. */
    CaBackend open(CommandSpec command, ServerConnection connection) {
        java.net.URI server = connection.serverOrNull(command);
        return server == null
                ? DatabaseCas.open(environment())
                : new AdminApiCas(server, connection.adminToken(command, environment()));
    }
}
