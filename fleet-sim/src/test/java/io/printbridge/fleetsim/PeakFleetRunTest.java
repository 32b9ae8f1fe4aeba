package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short peak every build makes: 200 simulated shops connected to the packaged server on H2,
 * then an open-loop ERP at 200 jobs a second (raw receipts, invoices and drawer opens mixed) for a
 * one-second warm-up and 5 s recorded. Every answer must be DONE (or late and then DONE) or the
 * server's clear refusal of new work (503 SERVER_BUSY with Retry-After, which a slow machine with a
 * cold server may give: in CI its job writes fell 500 ms behind at 200 jobs a second), and no job
 * taken may be lost, warm-up included. It asserts counts, never timings.
 */
class PeakFleetRunTest {

    private static final int SHOPS = 200;

    @TempDir
    Path dir;

    @Test
    void aShortPeakEndsWithEveryJobDoneAndNoError() throws Exception {
        RunSummary summary = BuildFleetRun.run(
                dir,
                SHOPS,
                "--scenario=connect,peak",
                "--peak-rates=200",
                "--peak-warm-up=1s",
                "--peak-duration=5s",
                "--peak-wait=10s");

        assertThat(summary.counts())
                .as(summary.text())
                .containsEntry("connect.connected", (long) SHOPS)
                .containsEntry("peak.200.warmUp", 200L)
                .containsEntry("peak.200.recorded", 1000L)
                .containsEntry("peak.200.lost", 0L);
        long refused = answers(summary, "refused ");
        assertThat(answers(summary, "DONE") + answers(summary, "late ") + refused)
                .as(summary.text())
                .isEqualTo(1000L);
        // Errors are counted with the refusals: none may be anything else.
        // (the warm-up's are checked by the scenario itself: anything but a refusal fails the run above)
        assertThat(summary.counts().get("peak.200.errors")).as(summary.text()).isEqualTo(refused);
    }

    /** The recorded answers whose kind starts with {@code kind} ("DONE", "late ", "refused "). */
    private static long answers(RunSummary summary, String kind) {
        return summary.counts().entrySet().stream()
                .filter(e -> e.getKey().startsWith("peak.200.answer." + kind))
                .mapToLong(e -> e.getValue())
                .sum();
    }
}
