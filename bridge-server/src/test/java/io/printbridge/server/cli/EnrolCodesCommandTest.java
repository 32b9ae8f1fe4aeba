package io.printbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.certs.DevCertificates;
import io.printbridge.certs.EnrolmentCode;
import io.printbridge.certs.Fingerprints;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge-server enrol-codes} on the database directly (no server running). */
class EnrolCodesCommandTest {

    @TempDir
    Path dir;

    DevCertificates certs;
    Map<String, Object> server;

    @BeforeEach
    void certificates() throws Exception {
        certs = DevCertificates.create(dir.resolve("certs"), List.of());
        server = Map.of(
                "bridge.grpc.certificate", certs.serverCertificate().toString(),
                "bridge.grpc.key", certs.serverKey().toString(),
                "bridge.grpc.client-ca", certs.caCertificate().toString(),
                "bridge.grpc.port", 9443);
    }

    @Test
    void createPrintsTheCodeAloneAndSaysWhatToTypeAtTheShopAndUntilWhen() throws Exception {
        CommandLine created = run("enrol-codes", "create", "--store", "alger-01", "--valid-for", "2h");

        assertThat(created.exit()).as(created.err()).isZero();
        String code = created.out().strip();
        assertThat(EnrolmentCode.parse(code)
                        .namesCa(Fingerprints.sha256(certs.ca().certificate())))
                .isTrue();
        assertThat(created.err())
                .contains("for store alger-01, valid until ")
                .contains("bridge-agent enroll --server SERVER:9443 --code " + code)
                .contains("bridge-server enrol-codes revoke ");
    }

    @Test
    void listShowsCodesWithoutSecretsAndRevokeEndsOne() {
        String code = run("enrol-codes", "create", "--store", "oran-02").out().strip();
        CommandLine listed = run("enrol-codes", "list", "--store", "oran-02");
        String id = listed.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];

        CommandLine revoked = run("enrol-codes", "revoke", id);
        CommandLine again = run("enrol-codes", "revoke", id);
        CommandLine after = run("enrol-codes", "list");

        assertThat(listed.out()).contains("oran-02").contains("ACTIVE").doesNotContain(code.substring(0, 14));
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.err()).contains("revoked enrolment code " + id + " of store oran-02");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("was revoked already");
        assertThat(after.out()).contains(id).contains("REVOKED");
    }

    @Test
    void aBadStoreOrValidityIsRefusedAndNothingIsMade() {
        CommandLine badStore = run("enrol-codes", "create", "--store", "Alger_01");
        CommandLine badValidity = run("enrol-codes", "create", "--store", "alger-01", "--valid-for", "forever");

        assertThat(badStore.exit()).isEqualTo(2);
        assertThat(badStore.err()).contains("store: \"Alger_01\" (expected: 1-63 lowercase letters");
        assertThat(badValidity.exit()).isEqualTo(2);
        assertThat(badValidity.err()).contains("valid for: \"forever\" (expected: minutes, hours or days");
        assertThat(run("enrol-codes", "list").err()).contains("0 code(s)");
    }

    private CommandLine run(String... args) {
        return CommandLine.runWith(dir.resolve("data"), server, args);
    }
}
