package io.printbridge.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tokens revoke --name NAME [--server URL]}. Through a server ({@code --server}) the
 * revocation takes effect on that server at once; on the database directly, servers stop
 * accepting the token within their 30 s cache.
 */
@Command(name = "revoke", description = "Revokes an API token of the database.")
final class RevokeTokenCommand implements Callable<Integer> {

    private static final String NAME = "[A-Za-z0-9._-]{1,100}";

    @Spec
    CommandSpec spec;

    @ParentCommand
    TokensCommand tokens;

    @Mixin
    HelpOption help;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The token's name (see tokens list).")
    String name;

    @Mixin
    ServerConnection connection;

    @Override
    public Integer call() {
        if (!name.matches(NAME)) {
            throw new ParameterException(
                    spec.commandLine(), "--name \"" + name + "\" (expected: 1-100 letters, digits, '.', '_' or '-')");
        }
        try (TokenBackend backend = connection.open(spec, tokens.environment())) {
            backend.revoke(name);
            spec.commandLine().getErr().println("revoked API token \"" + name + "\": " + backend.revocationEffect());
        }
        return 0;
    }
}
