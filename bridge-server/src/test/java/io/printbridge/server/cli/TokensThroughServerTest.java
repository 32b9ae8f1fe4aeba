package io.printbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.testing.Bridge;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge-server tokens ... --server URL} against a live server on its default H2
 * database, which it holds locked: the commands go through the admin API, and a revocation takes
 * effect on that server at once. Without {@code --server} the command says so and how to do it.
 */
class TokensThroughServerTest {

    static final String ADMIN_TOKEN = "pb_it-admin-token";

    @TempDir
    static Path dir;

    static Bridge bridge;
    static Map<String, String> withAdminToken;
    static String server;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("alger-01"),
                Map.of(
                        "bridge.api.tokens.it.sha256",
                        ApiTokens.sha256(ADMIN_TOKEN),
                        "bridge.api.tokens.it.scopes",
                        "admin"));
        withAdminToken = Map.of("BRIDGE_ADMIN_TOKEN", ADMIN_TOKEN);
        server = "http://127.0.0.1:" + bridge.httpPort();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    /** The command line of another machine: it does not know the server's database at all. */
    private static CommandLine bridgeServer(Map<String, String> variables, String... args) {
        return CommandLine.run(dir.resolve("elsewhere"), variables, args);
    }

    @Test
    void createListAndRevokeGoThroughTheServerAndTheRevocationHoldsAtOnce() throws Exception {
        CommandLine create = bridgeServer(
                withAdminToken, "tokens", "create", "--name", "pos-1", "--stores", "alger-01", "--server", server);

        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).matches("pb_[0-9a-f]{64}\\R");
        String token = create.out().trim();
        assertThat(stores(token).statusCode())
                .as("the new token works, and is now cached")
                .isEqualTo(200);

        CommandLine list = bridgeServer(withAdminToken, "tokens", "list", "--server", server);
        assertThat(list.exit()).isZero();
        assertThat(list.out())
                .containsPattern("pos-1\\s+stores=alger-01\\s+scopes=print\\s+created ")
                .doesNotContain(token);

        CommandLine revoke = bridgeServer(withAdminToken, "tokens", "revoke", "--name", "pos-1", "--server", server);
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(revoke.err()).contains("refuses it from now on");
        assertThat(stores(token).statusCode())
                .as("refused at once, not after the 30 s cache")
                .isEqualTo(401);
    }

    @Test
    void theAdminTokenCanComeFromAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("admin-token"), ADMIN_TOKEN + "\n");

        CommandLine create = bridgeServer(
                Map.of(),
                "tokens",
                "create",
                "--name",
                "it-2",
                "--scopes",
                "admin",
                "--server",
                server,
                "--admin-token-file",
                file.toString());

        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).matches("pb_[0-9a-f]{64}\\R");
    }

    @Test
    void aRefusalOfTheServerIsExitStatus2WithItsMessage() {
        bridgeServer(withAdminToken, "tokens", "create", "--name", "pos-2", "--stores", "*", "--server", server);

        CommandLine again = bridgeServer(
                withAdminToken, "tokens", "create", "--name", "pos-2", "--stores", "*", "--server", server);
        CommandLine unknown = bridgeServer(withAdminToken, "tokens", "revoke", "--name", "nobody", "--server", server);

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("name: \"pos-2\" is taken");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("name: \"nobody\": no active token");
    }

    @Test
    void aTokenWithoutTheAdminScopeIsExitStatus1() {
        CommandLine list =
                bridgeServer(Map.of("BRIDGE_ADMIN_TOKEN", Bridge.TOKEN), "tokens", "list", "--server", server);

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).contains("refused the admin token").contains("admin scope");
    }

    @Test
    void anUnknownAdminTokenIsExitStatus1() {
        CommandLine list = bridgeServer(Map.of("BRIDGE_ADMIN_TOKEN", "pb_wrong"), "tokens", "list", "--server", server);

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).contains("refused the admin token").contains("unknown API token");
    }

    @Test
    void aServerThatDoesNotAnswerIsExitStatus1() throws Exception {
        CommandLine list =
                bridgeServer(withAdminToken, "tokens", "list", "--server", "http://127.0.0.1:" + Bridge.freePort());

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).contains("cannot reach http://127.0.0.1:");
    }

    @Test
    void onTheDatabaseDirectlyWhileTheServerHoldsItTheCommandSaysToGoThroughTheServer() throws Exception {
        // Its own JVM: inside the server's JVM, H2 would share the open database instead of refusing it.
        ChildProcess list = ChildProcess.run(dir, dir.resolve("data"), "tokens", "revoke", "--name", "pos-1");

        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.out()).isEmpty();
        assertThat(list.err())
                .contains("bridge-server: the database is in use by a running server")
                .contains("--server http://HOST:PORT")
                .contains("BRIDGE_ADMIN_TOKEN");
    }

    private static HttpResponse<String> stores(String token) throws Exception {
        return bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores"))
                .header("Authorization", "Bearer " + token)
                .GET());
    }
}
