package io.printbridge.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.DevCertificates;
import io.printbridge.server.testing.Bridge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VPS page's upgrade: with jobs queued for a shop and its agent printing them slowly, the
 * packaged server is stopped as systemd stops it (SIGTERM, within the unit's TimeoutStopSec), a
 * new process (the same jar, standing for the new version) starts on the same database and
 * ports, the agent comes back by itself, and every job prints exactly once. On H2 and PostgreSQL.
 */
class UpgradeIT {

    private static final String TOKEN = "upgrade-test-token";
    private static final int JOBS = 20;

    @TempDir
    Path dir;

    private final List<ServerProcess> servers = new ArrayList<>();

    @AfterEach
    void stopAll() {
        servers.forEach(ServerProcess::close);
    }

    @Test
    void queuedAndInFlightJobsPrintExactlyOnceAcrossAnUpgradeOnH2() throws Exception {
        upgradeWithJobsQueued(Map.of());
    }

    @Test
    void queuedAndInFlightJobsPrintExactlyOnceAcrossAnUpgradeOnPostgres() throws Exception {
        try (FreshPostgres database = FreshPostgres.create()) {
            upgradeWithJobsQueued(database.properties());
        }
    }

    private void upgradeWithJobsQueued(Map<String, String> database) throws Exception {
        DevCertificates certs = DevCertificates.create(dir.resolve("certs"), List.of("blida-03"));
        int httpPort = Bridge.freePort();
        int grpcPort = Bridge.freePort();
        Map<String, String> settings =
                ServerProcess.settings(database, certs, dir.resolve("data"), httpPort, grpcPort, TOKEN);
        Shop shop = new Shop("blida-03", certs, httpPort, grpcPort, TOKEN);
        Duration timeoutStop = DeploymentKit.timeoutStopSec();

        ServerProcess old = start(settings, httpPort);
        shop.makeKnown();
        // The shop is offline while the ERP queues its jobs.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            ids.add(shop.print(ticket(i)));
        }

        // Back online with a slow printer: some print, some are in flight, most wait, when the stop comes.
        VirtualPrinter printer = new VirtualPrinter().delayPerWrite(Duration.ofMillis(60));
        try (Agent agent = shop.connect(printer)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (Shop.timesPrinted(printer, "upgrade-ticket-") < 3) {
                assertThat(System.nanoTime())
                        .as("3 tickets printed within 60 s")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
            long stopping = System.nanoTime();
            int exit = old.terminate(timeoutStop);
            Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
            assertThat(exit)
                    .as("exit status after SIGTERM (the unit's SuccessExitStatus)")
                    .isIn(0, 143);
            assertThat(stopped).as("stopped well within TimeoutStopSec").isLessThan(timeoutStop);
            assertThat(old.log())
                    .contains("agent server stopped")
                    .doesNotContain("not recorded at shutdown", "Database is already closed");
            int printedByTheOld = Shop.timesPrinted(printer, "upgrade-ticket-");
            assertThat(printedByTheOld)
                    .as("the stop came before the backlog was printed")
                    .isLessThan(JOBS);

            start(settings, httpPort); // the new version, same database, same ports
            assertThat(agent.link().awaitConnected(Duration.ofSeconds(60)))
                    .as("the agent came back by itself")
                    .isTrue();
            shop.awaitDone(ids, Duration.ofSeconds(120));
        }
        for (int i = 0; i < JOBS; i++) {
            assertThat(Shop.timesPrinted(printer, ticket(i))).as(ticket(i)).isEqualTo(1);
        }
        assertThat(Shop.timesPrinted(printer, "upgrade-ticket-")).isEqualTo(JOBS);
    }

    private static String ticket(int i) {
        return String.format("upgrade-ticket-%02d\n", i);
    }

    private ServerProcess start(Map<String, String> settings, int httpPort) throws Exception {
        ServerProcess server = ServerProcess.start(
                ServerProcess.jarCommand(settings),
                Map.of(),
                dir.resolve("server-" + servers.size() + ".log"),
                httpPort);
        servers.add(server);
        return server;
    }
}
