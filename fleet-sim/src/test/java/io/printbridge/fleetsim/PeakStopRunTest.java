package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stop at peak every build makes: 100 simulated shops on the packaged server (H2), an open-loop
 * ERP at 100 jobs a second, and SIGTERM to the server half way through the 10 s recorded, then a
 * start on the same data. Every job answered DONE must be DONE on disk after the start, every job
 * taken must end DONE, and no answer may be anything but DONE, late, a refusal or a connection the
 * stop cut. It asserts counts, never timings.
 */
class PeakStopRunTest {

    private static final int SHOPS = 100;

    @TempDir
    Path dir;

    @Test
    void aStopAtPeakLosesNoJobAndKeepsEveryAnsweredDoneOnDisk() throws Exception {
        RunSummary summary = BuildFleetRun.run(
                dir,
                SHOPS,
                "--scenario=connect,peak-stop",
                "--peak-rates=100",
                "--peak-warm-up=1s",
                "--peak-duration=10s",
                "--peak-wait=10s",
                "--backoff-cap=5s");

        assertThat(summary.counts())
                .as(summary.text())
                .containsEntry("peak-stop.100.recorded", 1000L)
                .containsEntry("peak-stop.100.lost", 0L)
                .containsEntry("peak-stop.100.doneNotOnDisk", 0L)
                .containsEntry("peak-stop.100.serverStarts", 2L);
        long done = summary.counts().getOrDefault("peak-stop.100.answer.DONE", 0L);
        // the stop came with jobs flowing: some were answered DONE, and not all of them
        assertThat(done).as(summary.text()).isPositive().isLessThan(1000L);
    }
}
