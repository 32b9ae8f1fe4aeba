package io.printbridge.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tokens list [--server URL]}: the tokens of the database, revoked ones included; never a hash or a token. */
@Command(name = "list", description = "Lists the API tokens of the database, with their stores and scopes.")
final class ListTokensCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    TokensCommand tokens;

    @Mixin
    HelpOption help;

    @Mixin
    ServerConnection connection;

    @Override
    public Integer call() {
        try (TokenBackend backend = connection.open(spec, tokens.environment())) {
            backend.list().forEach(token -> spec.commandLine().getOut().println(token.line()));
        }
        return 0;
    }
}
