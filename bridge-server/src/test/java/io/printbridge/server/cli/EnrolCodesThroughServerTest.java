package io.printbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.certs.EnrolmentCode;
import io.printbridge.certs.Fingerprints;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.testing.Bridge;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge-server enrol-codes ... --server URL} against a live server holding its H2 file:
 * through the admin API, with an admin token; a token without the admin scope is refused.
 */
class EnrolCodesThroughServerTest {

    static final String ADMIN_TOKEN = "pb_it-admin-token";

    @TempDir
    static Path dir;

    static Bridge bridge;
    static String server;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of(),
                Map.of(
                        "bridge.api.tokens.it.sha256",
                        ApiTokens.sha256(ADMIN_TOKEN),
                        "bridge.api.tokens.it.scopes",
                        "admin",
                        "bridge.identity.agent-address",
                        "bridge.example.com:8443"));
        server = "http://127.0.0.1:" + bridge.httpPort();
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    private static CommandLine bridgeServer(String token, String... args) {
        return CommandLine.run(dir.resolve("elsewhere"), Map.of("BRIDGE_ADMIN_TOKEN", token), args);
    }

    @Test
    void createListAndRevokeGoThroughTheServer() throws Exception {
        CommandLine create = bridgeServer(
                ADMIN_TOKEN, "enrol-codes", "create", "--store", "alger-01", "--valid-for", "30m", "--server", server);

        assertThat(create.exit()).as(create.err()).isZero();
        String code = create.out().strip();
        assertThat(EnrolmentCode.parse(code)
                        .namesCa(Fingerprints.sha256(bridge.certs().ca().certificate())))
                .isTrue();
        assertThat(create.err())
                .contains("bridge-agent enroll --server bridge.example.com:8443 --code " + code)
                .contains("valid until ");

        CommandLine list = bridgeServer(ADMIN_TOKEN, "enrol-codes", "list", "--store", "alger-01", "--server", server);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("alger-01").contains("ACTIVE").doesNotContain(code.substring(0, 14));
        String id = list.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];

        CommandLine revoke = bridgeServer(ADMIN_TOKEN, "enrol-codes", "revoke", id, "--server", server);
        CommandLine unknown =
                bridgeServer(ADMIN_TOKEN, "enrol-codes", "revoke", "0123456789abcdef", "--server", server);

        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(revoke.err()).contains("revoked enrolment code " + id + " of store alger-01");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("0123456789abcdef is not a code of this server");
    }

    @Test
    void aTokenWithoutTheAdminScopeIsRefused() {
        CommandLine create =
                bridgeServer(Bridge.TOKEN, "enrol-codes", "create", "--store", "alger-01", "--server", server);

        assertThat(create.exit()).isEqualTo(1);
        assertThat(create.err()).contains("refused the admin token").contains("admin scope");
        assertThat(create.out()).isEmpty();
    }
}
