package io.printbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.printbridge.server.identity.StoreRevocationRepository;
import io.printbridge.server.identity.StoreRevocationRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge-server stores revoke} on the database directly (no server running). */
class StoresCommandTest {

    @TempDir
    Path dir;

    @Test
    void revokeRecordsTheRevocationAndSaysHowToBringTheShopBack() {
        CommandLine revoke = CommandLine.run(
                dir.resolve("data"), Map.of(), "stores", "revoke", "--store", "alger-01", "--reason", "PC stolen");

        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(revoke.out()).isEmpty();
        assertThat(revoke.err()).contains("revoked store alger-01").contains("enrol-codes create --store alger-01");
        assertThat(revocations()).singleElement().satisfies(row -> {
            assertThat(row.storeId()).isEqualTo("alger-01");
            assertThat(row.reason()).isEqualTo("PC stolen");
            assertThat(row.revokedBy()).startsWith("cli:");
        });
    }

    @Test
    void aMissingReasonOrABadStoreIsRefusedWithTheUsageAndNothingIsRevoked() {
        CommandLine noReason =
                CommandLine.run(dir.resolve("data"), Map.of(), "stores", "revoke", "--store", "alger-01");
        CommandLine badStore = CommandLine.run(
                dir.resolve("data"), Map.of(), "stores", "revoke", "--store", "Alger_01", "--reason", "x");

        assertThat(noReason.exit()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");
        assertThat(badStore.exit()).isEqualTo(2);
        assertThat(badStore.err()).contains("store: \"Alger_01\" (expected: 1-63 lowercase letters");
        assertThat(revocations()).isEmpty();
    }

    private List<StoreRevocationRow> revocations() {
        try (ApplicationContext context =
                DatabaseTokens.startContext(CommandLine.environment(dir.resolve("data"), Map.of()))) {
            return context.getBean(StoreRevocationRepository.class).findAllRevocations();
        }
    }
}
