package io.printbridge.faults.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of the proof under faults that every build runs: the packaged server and real
 * agent processes, a few hundred jobs on each database through every kind of fault, the whole
 * history checked. It fails on any broken promise, on a fault kind that was not injected, or on a
 * fault that could not be carried out; never on timing. The long run is {@code -Pfaults}
 * (RELIABILITY.md).
 */
class ShortFaultRunTest {

    @TempDir
    Path dir;

    @Test
    void everyPromiseHoldsThroughEveryFaultOnH2() throws Exception {
        FaultRun.RunResult result = new FaultRun(settings(RunSettings.DatabaseKind.H2, 11)).run();

        Set<Fault.Kind> expected = EnumSet.complementOf(EnumSet.of(Fault.Kind.DATABASE_RESTART));
        assertHeld(result, withoutWhatThisMachineCannotDo(expected));
    }

    @Test
    void everyPromiseHoldsThroughEveryFaultOnPostgres() throws Exception {
        boolean required = Boolean.getBoolean("bridge.test.postgres.required");
        assumeTrue(required || postgresReachable(), "PostgreSQL is not reachable at 127.0.0.1:5432");

        FaultRun.RunResult result = new FaultRun(settings(RunSettings.DatabaseKind.POSTGRES, 12)).run();

        // Where PostgreSQL can be restarted (Debian's cluster tools, as on this machine and in CI),
        // its restart is one of the faults; elsewhere the summary says why it was left out.
        Set<Fault.Kind> expected = EnumSet.allOf(Fault.Kind.class);
        if (ServerDatabase.Postgres.whyClusterCannotRestart().isPresent()) {
            expected.remove(Fault.Kind.DATABASE_RESTART);
        }
        assertHeld(result, withoutWhatThisMachineCannotDo(expected));
    }

    /** A full journal disk needs the right to mount a small tmpfs; the summary says when it is not given. */
    private Set<Fault.Kind> withoutWhatThisMachineCannotDo(Set<Fault.Kind> kinds) {
        if (JournalDisk.whyNotHere(dir).isPresent()) {
            kinds.remove(Fault.Kind.DISK_FULL);
        }
        return kinds;
    }

    private RunSettings settings(RunSettings.DatabaseKind database, long seed) {
        return new RunSettings(
                seed,
                4,
                1,
                500,
                10,
                database,
                Duration.ofSeconds(3),
                Duration.ofSeconds(90),
                EnumSet.noneOf(Fault.Kind.class),
                dir.resolve("run"),
                jar("faults.serverJar"),
                jar("faults.agentJar"));
    }

    private static void assertHeld(FaultRun.RunResult result, Set<Fault.Kind> expectedKinds) {
        System.out.println(result.summary());
        assertThat(result.faultErrors()).as(result.summary()).isEmpty();
        assertThat(result.faultsByKind().keySet()).as(result.summary()).containsAll(expectedKinds);
        assertThat(result.verdict().violations()).as(result.summary()).isEmpty();
        assertThat(result.verdict().pending()).as(result.summary()).isZero();
        assertThat(result.verdict().jobsByState().getOrDefault("DONE", 0L))
                .as("most jobs print despite the faults\n" + result.summary())
                .isGreaterThan(250);
    }

    static Path jar(String property) {
        String path = System.getProperty(property);
        assertThat(path).as("system property %s (set by the build)", property).isNotNull();
        Path jar = Path.of(path);
        assertThat(Files.isRegularFile(jar))
                .as("%s: expected the packaged jar (built by package)", jar)
                .isTrue();
        return jar;
    }

    static boolean postgresReachable() {
        try (var ignored = DriverManager.getConnection(
                System.getProperty("bridge.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                System.getProperty("bridge.test.postgres.user", "postgres"),
                "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
