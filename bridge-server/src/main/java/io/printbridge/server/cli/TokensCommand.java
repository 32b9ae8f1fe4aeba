package io.printbridge.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bridge-server tokens create|list|revoke}: API tokens, kept in the server's database as
 * SHA-256 hashes. The token itself is printed once, at creation, on standard output alone.
 */
@Command(
        name = "tokens",
        description = "Creates, lists and revokes API tokens.",
        subcommands = {CreateTokenCommand.class, ListTokensCommand.class, RevokeTokenCommand.class})
final class TokensCommand implements Runnable {

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
}
