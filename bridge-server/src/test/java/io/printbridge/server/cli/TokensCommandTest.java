package io.printbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bridge-server tokens ...} on the database directly (no server running): what it refuses
 * with exit status 2 and the usage, what it prints where, and what it stores.
 */
class TokensCommandTest {

    @TempDir
    Path dir;

    private CommandLine bridgeServer(String... args) {
        return CommandLine.run(dir.resolve("data"), Map.of(), args);
    }

    private CommandLine bridgeServer(Map<String, String> variables, String... args) {
        return CommandLine.run(dir.resolve("data"), variables, args);
    }

    @Test
    void misspeltStoresOptionIsRefusedAndCreatesNoToken() {
        // Before picocli this created a token for every store (--stores defaulted to *) and exited 0.
        CommandLine create = bridgeServer("tokens", "create", "--name", "x", "--store", "alger-01");

        assertThat(create.exit()).isEqualTo(2);
        assertThat(create.out()).isEmpty();
        assertThat(create.err())
                .contains("Unknown options: '--store', 'alger-01'")
                .contains("Possible solutions: --stores")
                .contains("Usage: bridge-server tokens create");
        assertThat(bridgeServer("tokens", "list").out()).isEmpty();
    }

    @ParameterizedTest(name = "--stores \"{0}\"")
    @ValueSource(strings = {",", "", " , "})
    void storeListThatNamesNoStoreIsRefusedAndCreatesNoToken(String stores) {
        // "," used to be stored as is, and read back as an empty list: every store.
        CommandLine create = bridgeServer("tokens", "create", "--name", "x", "--stores", stores);

        assertThat(create.exit()).isEqualTo(2);
        assertThat(create.out()).isEmpty();
        assertThat(create.err())
                .contains("--stores: \"" + stores + "\" names no store")
                .contains("Usage: bridge-server tokens create");
        assertThat(bridgeServer("tokens", "list").out()).isEmpty();
    }

    @Test
    void optionWithoutItsValueIsRefused() {
        CommandLine create = bridgeServer("tokens", "create", "--stores", "*", "--name");

        assertThat(create.exit()).isEqualTo(2);
        assertThat(create.err())
                .contains("Missing required parameter for option '--name'")
                .contains("Usage: bridge-server tokens create");
    }

    @Test
    void missingRequiredOptionsAreRefused() {
        assertThat(bridgeServer("tokens", "create", "--stores", "*").err())
                .contains("Missing required option: '--name=NAME'");
        CommandLine noStores = bridgeServer("tokens", "create", "--name", "pos");
        assertThat(noStores.exit()).isEqualTo(2);
        assertThat(noStores.err())
                .contains("Missing required option: '--stores=IDS'")
                .contains("Usage: bridge-server tokens create");
        assertThat(bridgeServer("tokens", "revoke").exit()).isEqualTo(2);
    }

    @Test
    void createPrintsTheTokenAloneAndListShowsItsStoresAndScope() {
        CommandLine create = bridgeServer("tokens", "create", "--name", "pos-1", "--stores", "setif-04,alger-01");

        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).matches("pb_[0-9a-f]{64}" + System.lineSeparator());
        assertThat(create.err()).contains("created API token \"pos-1\" for stores alger-01,setif-04 with scopes print");
        assertThat(bridgeServer("tokens", "list").out())
                .containsPattern("pos-1\\s+stores=alger-01,setif-04\\s+scopes=print\\s+created ");
    }

    @Test
    void anAdminTokenNeedsNoStores() {
        CommandLine create = bridgeServer("tokens", "create", "--name", "it", "--scopes", "admin");

        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.err()).contains("created API token \"it\" with scopes admin.");
        assertThat(bridgeServer("tokens", "list").out()).containsPattern("it\\s+stores=-\\s+scopes=admin\\s+created ");
    }

    @Test
    void unknownScopeIsRefused() {
        CommandLine create =
                bridgeServer("tokens", "create", "--name", "it", "--scopes", "print,amdin", "--stores", "*");

        assertThat(create.exit()).isEqualTo(2);
        assertThat(create.err()).contains("--scopes: \"amdin\" (expected: print, admin or attendance)");
    }

    @Test
    void revokeMarksTheTokenAndASecondRevokeIsRefused() {
        bridgeServer("tokens", "create", "--name", "pos-1", "--stores", "*");

        CommandLine revoke = bridgeServer("tokens", "revoke", "--name", "pos-1");

        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(revoke.err()).contains("revoked API token \"pos-1\": running servers stop accepting it within 30 s");
        assertThat(bridgeServer("tokens", "list").out()).contains(", revoked ");
        CommandLine again = bridgeServer("tokens", "revoke", "--name", "pos-1");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("name: \"pos-1\": no active token");
    }

    @Test
    void aTakenNameIsRefused() {
        bridgeServer("tokens", "create", "--name", "pos-1", "--stores", "*");

        CommandLine again = bridgeServer("tokens", "create", "--name", "pos-1", "--stores", "alger-01");

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("name: \"pos-1\" is taken");
    }

    @Test
    void everyActionIsAuditedWithTheUserWhoRanIt() throws Exception {
        bridgeServer("tokens", "create", "--name", "pos-1", "--stores", "alger-01");
        bridgeServer("tokens", "list");
        bridgeServer("tokens", "revoke", "--name", "pos-1");

        try (ApplicationContext context =
                DatabaseTokens.startContext(CommandLine.environment(dir.resolve("data"), Map.of()))) {
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
            List<String> audit = transactions.executeRead(status -> {
                List<String> rows = new ArrayList<>();
                try (PreparedStatement query = status.getConnection()
                                .prepareStatement("SELECT client, action, detail FROM audit_log ORDER BY id");
                        ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3));
                    }
                }
                return rows;
            });
            assertThat(audit)
                    .containsExactly(
                            "cli:alice token.create token pos-1 for stores alger-01 with scopes print",
                            "cli:alice token.list 1 tokens",
                            "cli:alice token.revoke token pos-1");
        }
    }

    @Test
    void serverWithoutAnAdminTokenIsRefusedAndNeverTakesTheTokenAsAnArgument() {
        CommandLine list = bridgeServer("tokens", "list", "--server", "http://127.0.0.1:1");

        assertThat(list.exit()).isEqualTo(2);
        assertThat(list.err())
                .contains("--server needs an admin token")
                .contains("BRIDGE_ADMIN_TOKEN")
                .contains("--admin-token-file");
        assertThat(bridgeServer("tokens", "list", "--server", "http://127.0.0.1:1", "--admin-token", "x")
                        .err())
                .contains("Unknown options: '--admin-token', 'x'");
    }

    @Test
    void adminTokenFileWithoutServerIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("admin-token"), "pb_x");

        CommandLine list = bridgeServer("tokens", "list", "--admin-token-file", file.toString());

        assertThat(list.exit()).isEqualTo(2);
        assertThat(list.err()).contains("--admin-token-file is for --server");
    }

    @ParameterizedTest(name = "--server {0}")
    @ValueSource(strings = {"ftp://bridge.example.com", "127.0.0.1:8080", "http://bridge.example.com/api", "http://"})
    void serverThatIsNotARestAddressIsRefused(String server) {
        CommandLine list = bridgeServer(Map.of("BRIDGE_ADMIN_TOKEN", "pb_x"), "tokens", "list", "--server", server);

        assertThat(list.exit()).isEqualTo(2);
        assertThat(list.err()).contains("--server \"" + server + "\" (expected: the server's REST address");
    }

    @Test
    void unknownCommandsAreRefusedWithTheUsage() {
        CommandLine misspelt = bridgeServer("tokns", "list");
        assertThat(misspelt.exit()).isEqualTo(2);
        assertThat(misspelt.err()).contains("tokns").contains("Usage: bridge-server");

        CommandLine alone = bridgeServer("tokens");
        assertThat(alone.exit()).isEqualTo(2);
        assertThat(alone.err())
                .contains("expected a command: create, list or revoke")
                .contains("Usage: bridge-server tokens");
    }

    @Test
    void helpGoesToStandardOutput() {
        CommandLine help = bridgeServer("tokens", "create", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out())
                .contains("Usage: bridge-server tokens create")
                .contains("--stores")
                .contains("--server");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void noArgumentsOrOnlyServerSettingsStartTheServer() {
        assertThat(ServerCommand.startsTheServer(new String[0])).isTrue();
        assertThat(ServerCommand.startsTheServer(new String[] {"--micronaut.server.port=9090"}))
                .isTrue();
        assertThat(ServerCommand.startsTheServer(new String[] {"tokens", "list"}))
                .isFalse();
        assertThat(ServerCommand.startsTheServer(new String[] {"--help"})).isFalse();
        assertThat(ServerCommand.startsTheServer(new String[] {"help"})).isFalse();
    }

    @Test
    void asItsOwnProcessCreatePrintsTheTokenAloneOnStandardOutputAndLogsOnStandardError() throws Exception {
        // The real main class and logging setup: Flyway's and Micronaut's lines must not reach stdout.
        ChildProcess create = ChildProcess.run(
                dir, dir.resolve("data"), "tokens", "create", "--name", "pos-1", "--stores", "alger-01");

        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).matches("pb_[0-9a-f]{64}\\R");
        assertThat(create.err()).contains("created API token \"pos-1\"");
    }

    @Test
    void asItsOwnProcessAWrongOptionIsExitStatus2WithTheUsageOnStandardError() throws Exception {
        ChildProcess create =
                ChildProcess.run(dir, dir.resolve("data"), "tokens", "create", "--name", "x", "--store", "alger-01");

        assertThat(create.exit()).isEqualTo(2);
        assertThat(create.out()).isEmpty();
        assertThat(create.err()).contains("Usage: bridge-server tokens create");
    }
}
