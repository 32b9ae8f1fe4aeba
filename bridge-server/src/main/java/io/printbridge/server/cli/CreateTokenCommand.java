package io.printbridge.server.cli;

import io.printbridge.server.admin.IssuedToken;
import io.printbridge.server.api.Scope;
import io.printbridge.server.api.TokenStores;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tokens create --name NAME --stores ID,ID|* [--scopes print,admin] [--server URL]}.
 * Standard output gets the token and nothing else, so {@code TOKEN=$(bridge-server tokens create ...)}
 * works; everything said to people goes to standard error.
 */
@Command(name = "create", description = "Creates an API token and prints it, once, alone on standard output.")
final class CreateTokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    TokensCommand tokens;

    @Mixin
    HelpOption help;

    @Option(
            names = "--name",
            required = true,
            paramLabel = "NAME",
            description = "Who holds it, for the audit trail: 1-100 letters, digits, '.', '_' or '-'.")
    String name;

    @Option(
            names = "--stores",
            paramLabel = "IDS",
            description =
                    "The store ids it may use, separated by commas, or * for every store. Required with the print or attendance scope;"
                            + " a list that names no store is refused.")
    @Nullable
    String stores;

    @Option(
            names = "--scopes",
            split = ",",
            paramLabel = "SCOPE",
            defaultValue = "print",
            description =
                    "What it may do: print (jobs, stores, events), attendance (punches, clocks and their jobs) and/or admin"
                            + " (manage tokens). Default: ${DEFAULT-VALUE}.")
    List<String> scopes;

    @Mixin
    ServerConnection connection;

    @Override
    public Integer call() {
        Set<Scope> granted = scopes();
        TokenStores reach = Scope.reachesStores(granted) ? stores() : TokenStores.NONE;
        if (!Scope.reachesStores(granted) && stores != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--stores is for tokens with the print or attendance scope (expected: no --stores"
                            + " with --scopes " + Scope.join(granted) + ")");
        }
        try (TokenBackend backend = connection.open(spec, tokens.environment())) {
            IssuedToken issued = backend.create(name, reach, granted);
            spec.commandLine().getOut().println(issued.token());
            spec.commandLine().getOut().flush();
            String storesPart = issued.stores().isNone()
                    ? ""
                    : " for stores " + issued.stores().joined();
            spec.commandLine()
                    .getErr()
                    .println("created API token \"" + issued.name() + "\"" + storesPart + " with scopes "
                            + Scope.join(issued.scopes())
                            + ". It is shown only this once: give it to its holder as Authorization: Bearer <token>.");
        }
        return 0;
    }

    private Set<Scope> scopes() {
        try {
            Set<Scope> granted = Scope.parseAll(scopes);
            if (granted.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(), "--scopes names no scope (expected: " + Scope.known() + ")");
            }
            return granted;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--scopes: " + e.getMessage());
        }
    }

    private TokenStores stores() {
        if (stores == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Missing required option: '--stores=IDS' (store ids separated by"
                            + " commas, or * for every store)");
        }
        try {
            return TokenStores.requireForNewToken("--stores", stores);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
