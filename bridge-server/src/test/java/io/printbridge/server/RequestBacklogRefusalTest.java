package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.dashboard.DashboardClient;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.testing.Bridge;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Of the requests read while their loop has a standing backlog, a share growing with the wait is
 * refused (503 SERVER_BUSY, Retry-After), and nothing is queued for them: the wait an ERP with more
 * connections than the server serves builds, which no queue of the server holds. The REST port's
 * loops are made to fall behind for real, by tasks that keep them busy; a single stall of the same
 * loops (a collector's pause) refuses nothing.
 */
class RequestBacklogRefusalTest {

    private static final String STATUS_JOB = "{\"type\":\"status\",\"ttlSeconds\":600}";
    private static final String PASSWORD = "cheval correct agrafe";
    private static final int REQUESTS_WHILE_BEHIND = 20;

    @TempDir
    Path dir;

    private Bridge bridge;
    private final AtomicBoolean keepBusy = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        bridge = new Bridge(dir, List.of("tlemcen-01"), Map.of("bridge.jobs.request-lag-refusing-all", "500ms"));
        Bridge.connected(bridge.startAgent("tlemcen-01", new VirtualPrinter())).close();
        assertThat(post("first").statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        keepBusy.set(false);
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void aShareOfTheRequestsReadWhileTheLoopIsBehindIsRefusedAndNothingIsQueuedForThem() throws Exception {
        bridge.server().getBean(DashboardUsers.class).create("test", "nadia", PASSWORD, Role.VIEWER, "fr", "UTC");
        DashboardClient dashboard = new DashboardClient(bridge.httpPort());
        dashboard.login("nadia", PASSWORD);
        assertThat(dashboard.get("/dashboard").body()).doesNotContain("id=\"overload\"");
        keepBusy.set(true);
        for (EventExecutor loop : restLoops()) {
            // Tasks of 200 ms one after another, each scheduled a millisecond after the last: the
            // loop reads its connections between two (a task queued at once would keep it from
            // them), and every probe runs about 180 ms late.
            loop.schedule(
                    new Runnable() {
                        @Override
                        public void run() {
                            sleep(200);
                            if (keepBusy.get()) {
                                loop.schedule(this, 1, TimeUnit.MILLISECONDS);
                            }
                        }
                    },
                    1,
                    TimeUnit.MILLISECONDS);
        }
        Thread.sleep(1000); // several late probes: a backlog, not a stall

        // About 180 ms of wait, between the 50 ms where refusals begin and the 500 ms where all
        // are refused (this test's setting): about a third refused, spread, the rest taken.
        List<String> refusedKeys = new ArrayList<>();
        HttpResponse<String> refused = null;
        int taken = 0;
        for (int i = 0; i < REQUESTS_WHILE_BEHIND; i++) {
            HttpResponse<String> response = post("held-" + i);
            if (response.statusCode() == 503) {
                refusedKeys.add("held-" + i);
                refused = response;
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                taken++;
            }
        }
        keepBusy.set(false);

        assertThat(refusedKeys)
                .as("refused of %d read behind", REQUESTS_WHILE_BEHIND)
                .isNotEmpty();
        assertThat(taken).as("taken of %d read behind", REQUESTS_WHILE_BEHIND).isPositive();
        assertThat(bridge.json(refused).at("/error/code").asText()).isEqualTo("SERVER_BUSY");
        assertThat(bridge.json(refused).at("/error/message").asText())
                .contains("to be read")
                .containsPattern("refuses [0-9]+ % of new jobs")
                .contains("nothing was queued");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        // Counted by why, for whoever watches the fleet; the other reasons are there, at zero.
        String scrape = bridge.get("/prometheus").body();
        assertThat(scrape)
                .contains("bridge_api_jobs_refused_total{reason=\"read_backlog\"} " + refusedKeys.size() + ".0")
                .contains("bridge_api_jobs_refused_total{reason=\"write_lag\"} 0.0");
        // And said on the fleet page, to whoever watches the fleet.
        assertThat(dashboard.get("/dashboard").body())
                .contains("<p id=\"overload\" class=\"alert\" data-refused=\"" + refusedKeys.size() + "\">")
                .contains("Travaux refusés par ce serveur dans la dernière minute : " + refusedKeys.size()
                        + " (503 SERVER_BUSY)");

        // Retried after its Retry-After, once the loops keep up, it is taken; the refused one was
        // never stored: its key makes a new job (201), not the answer of an earlier one (200).
        Thread.sleep(1000);
        assertThat(post(refusedKeys.get(0)).statusCode()).isEqualTo(201);
        assertThat(post(refusedKeys.get(0)).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestThatWaitedThroughOneStallIsServed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        for (EventExecutor loop : restLoops()) {
            loop.execute(() -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> post("stalled"));
        Thread.sleep(600); // longer than the target and the standing time together
        assertThat(waiting).isNotDone();
        release.countDown();

        assertThat(waiting.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
    }

    @Test
    void aClientCannotSayItsRequestWaited() throws Exception {
        HttpResponse<String> response = bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores/tlemcen-01/jobs"))
                .header("Authorization", "Bearer " + Bridge.TOKEN)
                .header("Content-Type", "application/json")
                .header("X-Bridge-Read-Backlog", "5000")
                .POST(HttpRequest.BodyPublishers.ofString(STATUS_JOB)));

        assertThat(response.statusCode()).isEqualTo(201);
    }

    /** The event loops of the REST port: Micronaut's default group. */
    private EventLoopGroup restLoops() {
        return bridge.server().getBean(EventLoopGroup.class);
    }

    private HttpResponse<String> post(String idempotencyKey) {
        try {
            return bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/stores/tlemcen-01/jobs"))
                    .header("Authorization", "Bearer " + Bridge.TOKEN)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(STATUS_JOB)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
