package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short fleet run every build makes: 150 simulated agents against the packaged server on H2
 * all connect, 200 jobs all end DONE, and after a SIGTERM restart and a SIGKILL restart every
 * agent is back, all while one address floods the port with silent connections, of which the
 * server keeps no more than its bound per address. It asserts counts and states, never timings
 * (the run's summary prints those).
 */
class ShortFleetRunTest {

    private static final int AGENTS = 150;
    /** More than the server's default max-unauthenticated-connections-per-address (256). */
    private static final int FLOOD = 400;

    @TempDir
    Path dir;

    @Test
    void aFleetConnectsPrintsAndComesBackAfterEachRestart() throws Exception {
        RunSummary summary = BuildFleetRun.run(
                dir,
                AGENTS,
                "--scenario=connect,idle,jobs,restart-term,restart-kill",
                "--idle=2s",
                "--job-rate=40",
                "--job-duration=5s",
                // The real agent's window grows to 30 s: two restarts would wait most of a minute each.
                "--backoff-cap=5s",
                // A hostile client from 127.0.0.1 wants 400 silent connections through the storm.
                "--flood=" + FLOOD);

        assertThat(summary.counts())
                .as(summary.text())
                .containsEntry("connect.connected", (long) AGENTS)
                .containsEntry("connect.serverSeesOnline", (long) AGENTS)
                .containsEntry("idle.connected", (long) AGENTS)
                .containsEntry("jobs.posted", 200L)
                .containsEntry("jobs.DONE", 200L)
                .containsEntry("restart-term.back", (long) AGENTS)
                .containsEntry("restart-term.serverSeesOnline", (long) AGENTS)
                .containsEntry("restart-kill.back", (long) AGENTS)
                .containsEntry("restart-kill.serverSeesOnline", (long) AGENTS);
        // The server keeps at most 256 connections without a certificate from one address: it
        // closed some of the 400 as they came.
        assertThat(summary.counts().get("connect.floodClosedByAddressBound"))
                .as("flood connections closed by the bound per address\n" + summary.text())
                .isPositive();
    }
}
