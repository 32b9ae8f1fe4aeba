package io.printbridge.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bridge-server dashboard-users create}: the people who log in to the fleet dashboard. */
@Command(
        name = "dashboard-users",
        description = "Creates users of the fleet dashboard (the first admin, for one).",
        subcommands = {CreateDashboardUserCommand.class})
final class DashboardUsersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ServerCommand server;

    @Mixin
    HelpOption help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "expected a command: create");
    }

    CliEnvironment environment() {
        return server.environment();
    }
}
