package io.printbridge.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.DevCertificates;
import io.printbridge.server.testing.Bridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VPS page's backup and restore, on the packaged server, for both databases: back up, add
 * jobs, restore; the server starts on the restored database, holds exactly the jobs from before
 * the backup, and the shop's agent prints those and nothing else. H2 with {@code bridge-server
 * backup/restore} (server stopped); PostgreSQL with {@code pg_dump} while the server runs and
 * {@code pg_restore} into a database made again by the shipped script.
 */
class BackupRestoreIT {

    private static final String TOKEN = "backup-test-token";
    private static final Duration STOP = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private final List<ServerProcess> servers = new ArrayList<>();
    private DevCertificates certs;
    private int httpPort;
    private int grpcPort;
    private Shop shop;

    @AfterEach
    void stopAll() {
        servers.forEach(ServerProcess::close);
    }

    @Test
    void h2BackupRestoredWithTheServerStoppedHoldsExactlyTheJobsFromBeforeIt() throws Exception {
        Map<String, String> settings = settings(Map.of());
        Path backup = dir.resolve("backups").resolve("bridge-before.zip");
        Files.createDirectories(backup.getParent());

        ServerProcess first = start(settings);
        shop.makeKnown();
        List<String> before = printAll("before");
        assertThat(first.terminate(STOP)).isIn(0, 143);
        // Everything the graceful stop writes reaches the database (the store's record among it).
        assertThat(first.log()).doesNotContain("not recorded at shutdown", "Database is already closed");

        Command backedUp = command(settings, "backup", "--to", backup.toString());
        assertThat(backedUp.exit).as(backedUp.err).isZero();
        assertThat(backedUp.out.strip()).isEqualTo(backup.toAbsolutePath().toString());
        assertThat(backedUp.err).contains("3 job(s), 3 waiting to print");

        ServerProcess second = start(settings);
        List<String> after = printAll("after");
        Command whileRunning =
                command(settings, "backup", "--to", dir.resolve("running.zip").toString());
        assertThat(whileRunning.exit).isEqualTo(1);
        assertThat(whileRunning.err).contains("is in use by a running server").contains("stop the server first");
        assertThat(dir.resolve("running.zip")).doesNotExist();
        assertThat(second.terminate(STOP)).isIn(0, 143);

        Command notForced = command(settings, "restore", "--from", backup.toString());
        assertThat(notForced.exit).isEqualTo(2);
        assertThat(notForced.err).contains("a database is already at").contains("expected: --force");
        Command restored = command(settings, "restore", "--from", backup.toString(), "--force");
        assertThat(restored.exit).as(restored.err).isZero();
        assertThat(restored.err).contains("3 job(s), 3 waiting to print").contains("before-restore-");

        start(settings);
        holdsExactly(before, after);
    }

    @Test
    void postgresDumpTakenWhileRunningAndRestoredHoldsExactlyTheJobsFromBeforeIt() throws Exception {
        try (FreshPostgres database = FreshPostgres.create()) {
            Map<String, String> settings = settings(database.properties());
            Path dump = dir.resolve("bridge.dump");

            ServerProcess server = start(settings);
            shop.makeKnown();
            List<String> before = printAll("before");
            // The page's command, while the server runs.
            FreshPostgres.run(List.of(
                    "pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-Fc", "-f", dump.toString(), database.name));
            List<String> after = printAll("after");
            assertThat(server.terminate(STOP)).isIn(0, 143);

            // The jar's own backup says what to use on PostgreSQL.
            Command refused =
                    command(settings, "backup", "--to", dir.resolve("pg.zip").toString());
            assertThat(refused.exit).isEqualTo(2);
            assertThat(refused.err).contains("the database is PostgreSQL").contains("pg_dump");

            // The page's restore: drop, make it again with the shipped script, pg_restore.
            FreshPostgres.psql("DROP DATABASE " + database.name + " WITH (FORCE)");
            database.setUp();
            FreshPostgres.run(List.of(
                    "pg_restore",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-d",
                    database.name,
                    "--no-owner",
                    "--role=" + database.name,
                    "--exit-on-error",
                    dump.toString()));

            start(settings);
            holdsExactly(before, after);
        }
    }

    /** The jobs of {@code before} are there and print once each; those of {@code after} are unknown. */
    private void holdsExactly(List<String> before, List<String> after) throws Exception {
        for (String id : before) {
            assertThat(shop.state(id)).as("job %s from before the backup", id).isEqualTo("QUEUED");
        }
        for (String id : after) {
            assertThat(shop.job(id).statusCode())
                    .as("job %s from after the backup", id)
                    .isEqualTo(404);
        }
        VirtualPrinter printer = new VirtualPrinter();
        try (Agent ignored = shop.connect(printer)) {
            shop.awaitDone(before, Duration.ofSeconds(60));
            for (int i = 0; i < before.size(); i++) {
                assertThat(Shop.timesPrinted(printer, "before-" + i + "\n")).isEqualTo(1);
            }
            for (int i = 0; i < after.size(); i++) {
                assertThat(Shop.timesPrinted(printer, "after-" + i + "\n")).isZero();
            }
        }
    }

    private List<String> printAll(String label) throws Exception {
        int count = label.equals("before") ? 3 : 2;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(shop.print(label + "-" + i + "\n"));
        }
        return ids;
    }

    private Map<String, String> settings(Map<String, String> database) throws Exception {
        certs = DevCertificates.create(dir.resolve("certs"), List.of("oran-02"));
        httpPort = Bridge.freePort();
        grpcPort = Bridge.freePort();
        shop = new Shop("oran-02", certs, httpPort, grpcPort, TOKEN);
        Map<String, String> settings =
                ServerProcess.settings(database, certs, dir.resolve("data"), httpPort, grpcPort, TOKEN);
        return settings;
    }

    private ServerProcess start(Map<String, String> settings) throws Exception {
        ServerProcess server = ServerProcess.start(
                ServerProcess.jarCommand(settings),
                Map.of(),
                dir.resolve("server-" + servers.size() + ".log"),
                httpPort);
        servers.add(server);
        return server;
    }

    private record Command(int exit, String out, String err) {}

    private Command command(Map<String, String> settings, String... args) throws Exception {
        Path out = dir.resolve("cmd.out");
        Path err = dir.resolve("cmd.err");
        Process process = new ProcessBuilder(ServerProcess.jarCommand(settings, args))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Command(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
