package io.printbridge.faults.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several servers, one fleet, under faults: three packaged server processes share one PostgreSQL
 * schema behind a TCP load balancer; the ERP posts each job to the next server in turn (so two in
 * three reach a server that does not hold the shop's stream) and retries on the next; servers are
 * killed (SIGKILL), stopped (SIGTERM) and paused in turn while jobs flow, so shops move between
 * servers and every server restarts. The history checker holds the whole run: no job lost, none
 * printed twice, no late drawer. It fails on a broken promise, never on timing.
 */
class ClusterFaultRunTest {

    /** The faults about servers and shops' lines; the printers' own faults are the single-server run's. */
    private static final Set<Fault.Kind> KINDS = EnumSet.of(
            Fault.Kind.SERVER_KILL,
            Fault.Kind.SERVER_TERM,
            Fault.Kind.SERVER_PAUSE,
            Fault.Kind.LINK_CUT,
            Fault.Kind.AGENT_KILL);

    @TempDir
    Path dir;

    @Test
    void threeServersOnePostgresEveryPromiseHolds() throws Exception {
        boolean required = Boolean.getBoolean("bridge.test.postgres.required");
        assumeTrue(required || ShortFaultRunTest.postgresReachable(), "PostgreSQL is not reachable at 127.0.0.1:5432");

        FaultRun.RunResult result = new FaultRun(new RunSettings(
                        13,
                        6,
                        3,
                        400,
                        10,
                        RunSettings.DatabaseKind.POSTGRES,
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(90),
                        EnumSet.complementOf(EnumSet.copyOf(KINDS)),
                        dir.resolve("run"),
                        ShortFaultRunTest.jar("faults.serverJar"),
                        ShortFaultRunTest.jar("faults.agentJar")))
                .run();

        System.out.println(result.summary());
        assertThat(result.faultErrors()).as(result.summary()).isEmpty();
        assertThat(result.faultsByKind().keySet()).as(result.summary()).containsAll(KINDS);
        assertThat(result.verdict().violations()).as(result.summary()).isEmpty();
        assertThat(result.verdict().pending()).as(result.summary()).isZero();
        assertThat(result.verdict().jobsByState().getOrDefault("DONE", 0L))
                .as("most jobs print despite the faults\n" + result.summary())
                .isGreaterThan(200);
        // Every server held shops' streams, and shops moved: more connections than shops.
        assertThat(result.connectionsPerServer())
                .as(result.summary())
                .hasSize(3)
                .allMatch(n -> n > 0);
        assertThat(result.connectionsPerServer().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .as(result.summary())
                .isGreaterThan(6);
    }
}
