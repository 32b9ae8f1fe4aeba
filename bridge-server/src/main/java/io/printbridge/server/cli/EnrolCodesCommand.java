package io.printbridge.server.cli;

import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bridge-server enrol-codes create|list|revoke}: one-time codes with which a shop's PC
 * gets its certificate ({@code bridge-agent enroll}). Stored hashed; the code is printed once.
 */
@Command(
        name = "enrol-codes",
        description = "Makes, lists and revokes one-time enrolment codes for shops' PCs.",
        subcommands = {CreateEnrolCodeCommand.class, ListEnrolCodesCommand.class, RevokeEnrolCodeCommand.class})
final class EnrolCodesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ServerCommand server;

    @Mixin
    HelpOption help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "expected a command: create, list or revoke");
    }

    CliEnvironment environment() {
        return server.environment();
    }

    /** The backend {@code connection} asks for, for the subcommand {@code spec}. */
    EnrolmentCodeBackend open(CommandSpec spec, ServerConnection connection) {
        URI uri = connection.serverOrNull(spec);
        return uri == null
                ? DatabaseEnrolmentCodes.open(environment())
                : new AdminApiEnrolmentCodes(uri, connection.adminToken(spec, environment()));
    }
}
