package io.printbridge.server.cli;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.ApplicationContext;
import io.printbridge.server.admin.IssuedToken;
import io.printbridge.server.admin.TokenAdministration;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.api.Scope;
import io.printbridge.server.api.TokenStores;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The token commands on the server's database, without a server: the server's configuration
 * and database in a bean context of the environment {@code cli}, where nothing that a running
 * server schedules (job sweeps, webhooks, the agents' port) starts.
 *
 * <p>H2 lets one process open its file: while a server runs on the default H2 database, this
 * fails with a message that says to go through that server ({@code --server}).
 */
final class DatabaseTokens implements TokenBackend {

    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    private static final int H2_DATABASE_IN_USE = 90020;

    private final ApplicationContext context;
    private final TokenAdministration administration;
    private final String by;

    private DatabaseTokens(ApplicationContext context, String by) {
        this.context = context;
        this.administration = context.getBean(TokenAdministration.class);
        this.by = by;
    }

    static DatabaseTokens open(CliEnvironment environment) {
        requireNonNull(environment, "environment");
        ApplicationContext context;
        try {
            context = startContext(environment);
        } catch (RuntimeException e) {
            if (databaseInUse(e)) {
                throw new CliFailure(
                        "the database is in use by a running server (its H2 file can be opened by one process at a"
                                + " time). Run the command through that server instead: add --server http://HOST:PORT (its REST address)"
                                + " with an admin token in BRIDGE_ADMIN_TOKEN or --admin-token-file FILE; or stop the server first.",
                        e);
            }
            throw new CliFailure("cannot open the server's database: " + rootMessage(e), e);
        }
        try {
            return new DatabaseTokens(context, environment.auditName());
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** The server's beans in the environment {@code cli}: its configuration and database, nothing that runs on its own. */
    static ApplicationContext startContext(CliEnvironment environment) {
        return ApplicationContext.builder()
                .environments(ServerCommand.ENVIRONMENT)
                .properties(environment.properties())
                .start();
    }

    @Override
    public IssuedToken create(String name, TokenStores stores, Set<Scope> scopes) {
        return administration.create(by, name, stores, scopes);
    }

    @Override
    public List<TokenListing> list() {
        return administration.list(by).stream()
                .map(row -> new TokenListing(
                        row.name(),
                        row.stores(),
                        row.scopes(),
                        row.createdAt().toString(),
                        row.revokedAt() == null ? null : row.revokedAt().toString()))
                .toList();
    }

    @Override
    public void revoke(String name) {
        administration.revoke(by, name);
    }

    @Override
    public String revocationEffect() {
        return "running servers stop accepting it within " + ApiTokens.CACHE_FOR.toSeconds() + " s";
    }

    @Override
    public void close() {
        context.close();
    }

    static boolean databaseInUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("The file is locked")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
