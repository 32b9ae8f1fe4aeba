package io.printbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.Fingerprints;
import io.printbridge.certs.Pem;
import io.printbridge.certs.Validity;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.testing.Bridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge-server ca ... --server URL} against a live server on its default H2 database,
 * which it holds locked: the commands go through the admin API and the server takes the change up
 * at once (an agent certificate from the added CA is welcomed without waiting for a reread).
 */
class CaThroughServerTest {

    static final String ADMIN_TOKEN = "pb_it-admin-token";

    @TempDir
    Path dir;

    Bridge bridge;
    String server;

    @BeforeEach
    void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of(),
                Map.of(
                        "bridge.api.tokens.it.sha256",
                        ApiTokens.sha256(ADMIN_TOKEN),
                        "bridge.api.tokens.it.scopes",
                        "admin",
                        "bridge.identity.ca-refresh-interval",
                        "1h"));
        server = "http://127.0.0.1:" + bridge.httpPort();
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void addStatusIssueFromAndRetireGoThroughTheServerWhichTakesThemUpAtOnce() throws Exception {
        Path second = dir.resolve("second");
        CertificateAuthority ca = CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30));
        ca.writePem(second, "ca");
        String fingerprint = Fingerprints.sha256Hex(ca.certificate());
        String first = Fingerprints.sha256Hex(Pem.readCertificate(bridge.certs().caCertificate()));

        CommandLine withKey = run(
                "ca",
                "add",
                "--certificate",
                second.resolve("ca.pem").toString(),
                "--key",
                second.resolve("ca.key").toString(),
                "--server",
                server);
        CommandLine add =
                run("ca", "add", "--certificate", second.resolve("ca.pem").toString(), "--server", server);
        Path agent =
                ca.issueAgent("tipasa-01", Validity.fromNow(Duration.ofDays(1))).writePem(dir, "agent");
        Bridge.connected(bridge.startAgent(
                new TlsFiles(agent, dir.resolve("agent.key"), bridge.certs().caCertificate()),
                new VirtualPrinter(),
                bridge.grpcPort()));
        CommandLine noKey = run("ca", "issue-from", fingerprint, "--server", server);
        Path keys = dir.resolve("data/ca-keys");
        Files.createDirectories(keys);
        Files.copy(second.resolve("ca.key"), keys.resolve(fingerprint + ".key"));
        CommandLine issueFrom = run("ca", "issue-from", fingerprint.substring(0, 8), "--server", server);
        CommandLine retire = run("ca", "retire", first, "--server", server);
        CommandLine status = run("ca", "status", "--server", server);

        assertThat(withKey.exit()).isEqualTo(2);
        assertThat(withKey.err()).contains("a CA's key never goes through the API");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out().strip()).isEqualTo(fingerprint);
        assertThat(add.err()).contains(server + " takes it up now");
        assertThat(noKey.exit()).isEqualTo(1);
        assertThat(noKey.err()).contains("holds no key for store CA " + fingerprint);
        assertThat(issueFrom.exit()).as(issueFrom.err()).isZero();
        assertThat(retire.exit()).isEqualTo(1);
        assertThat(retire.err()).contains("it signed the server's certificate");
        assertThat(status.out()).contains(fingerprint + "  ISSUING").contains(first + "  TRUSTED");
    }

    private CommandLine run(String... args) {
        return CommandLine.run(dir.resolve("elsewhere"), Map.of("BRIDGE_ADMIN_TOKEN", ADMIN_TOKEN), args);
    }
}
