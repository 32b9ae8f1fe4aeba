package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short peak every build makes: 200 simulated shops connected to the packaged server on H2,
 * then an open-loop ERP at 200 jobs a second (raw receipts, invoices and drawer opens mixed) for a
 * one-second warm-up and 5 s recorded. Every answer must be DONE (or late and then DONE) and no job
 * lost, warm-up included. It asserts counts, never timings: a slow machine may answer late, and the
 * run's summary prints the times.
 */
class PeakFleetRunTest {

    private static final int SHOPS = 200;

    @TempDir
    Path dir;

    @Test
    void aShortPeakEndsWithEveryJobDoneAndNoError() throws Exception {
        FleetOptions options = FleetOptions.parse(
                "--server-jar=" + serverJar(),
                "--agents=" + SHOPS,
                "--scenario=connect,peak",
                "--database=h2",
                "--server-heap=512m",
                "--peak-rates=200",
                "--peak-warm-up=1s",
                "--peak-duration=5s",
                "--peak-wait=10s",
                "--connect-timeout=60s",
                "--out=" + dir);

        RunSummary summary = FleetRun.run(options);

        assertThat(summary.failures()).as(summary.text()).isEmpty();
        assertThat(summary.counts())
                .as(summary.text())
                .containsEntry("connect.connected", (long) SHOPS)
                .containsEntry("peak.200.warmUp", 200L)
                .containsEntry("peak.200.recorded", 1000L)
                .containsEntry("peak.200.errors", 0L)
                .containsEntry("peak.200.warmUpErrors", 0L)
                .containsEntry("peak.200.lost", 0L);
        long doneOrLate = summary.counts().entrySet().stream()
                .filter(e ->
                        e.getKey().equals("peak.200.answer.DONE") || e.getKey().startsWith("peak.200.answer.late "))
                .mapToLong(e -> e.getValue())
                .sum();
        assertThat(doneOrLate).as(summary.text()).isEqualTo(1000L);
    }

    private static Path serverJar() {
        String path = System.getProperty("fleet.serverJar");
        assertThat(path)
                .as("system property fleet.serverJar (set by the build)")
                .isNotNull();
        Path jar = Path.of(path);
        assertThat(Files.isRegularFile(jar))
                .as("%s: expected the packaged server jar (built by package)", jar)
                .isTrue();
        return jar;
    }
}
