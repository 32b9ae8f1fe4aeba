package io.printbridge.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bridge-server stores revoke}: what IT does to a store's identity. */
@Command(
        name = "stores",
        description = "Revokes a store's certificates.",
        subcommands = {RevokeStoreCommand.class})
final class StoresCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ServerCommand server;

    @Mixin
    HelpOption help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "expected a command: revoke");
    }

    CliEnvironment environment() {
        return server.environment();
    }
}
