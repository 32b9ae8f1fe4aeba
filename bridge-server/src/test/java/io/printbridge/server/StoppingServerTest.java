package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.event.ShutdownEvent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that begins to stop takes no new job: the ERP is told to retry (503 with Retry-After)
 * and retries on the server that replaces it, instead of a job being accepted by a server that is
 * closing its streams (found by the fault proof).
 */
class StoppingServerTest {

    @TempDir
    Path dir;

    Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void onceTheServerBeginsToStopNewJobsAreRefusedWithRetryAfter() throws Exception {
        bridge = new Bridge(dir, List.of("tiaret-01"));
        Bridge.connected(bridge.startAgent("tiaret-01", new VirtualPrinter())).close();
        String job = "{\"type\":\"status\"}";
        assertThat(bridge.post("/api/v1/stores/tiaret-01/jobs", job).statusCode())
                .isEqualTo(201);

        bridge.server().getEventPublisher(ShutdownEvent.class).publishEvent(new ShutdownEvent(bridge.server()));
        HttpResponse<String> refused = bridge.post("/api/v1/stores/tiaret-01/jobs", job);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(bridge.json(refused).at("/error/code").asText()).isEqualTo("SERVER_STOPPING");
        assertThat(bridge.json(refused).at("/error/message").asText()).contains("nothing was queued");
    }
}
