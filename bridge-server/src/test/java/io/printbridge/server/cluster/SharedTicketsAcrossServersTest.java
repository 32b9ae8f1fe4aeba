package io.printbridge.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.grpc.SessionTicketKeys;
import io.printbridge.server.streams.AgentStreams;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.ClusterBridges;
import io.printbridge.server.testing.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shop behind a load balancer whose connection moves from one server to another: given one shared
 * ticket secret ({@code bridge.grpc.ticket-secret}), the second server opens the ticket the first
 * gave and the shop resumes its session; with each server's own keys it makes a full handshake.
 */
class SharedTicketsAcrossServersTest {

    private static final String STORE = "oran-11";

    @TempDir
    Path dir;

    private Bridge first;
    private Bridge second;

    @AfterEach
    void stop() {
        ClusterBridges.close(first, second);
    }

    @Test
    void givenASharedSecretAShopMovedToAnotherServerResumesItsSessionThere() throws Exception {
        Map<String, Object> shared = Map.of("bridge.grpc.ticket-secret", secret().toString());
        first = ClusterBridges.first(dir, List.of(STORE), shared);
        second = ClusterBridges.next(first, dir, "second", shared);

        assertThat(resumedAfterAMove()).isEqualTo(1);
    }

    @Test
    void withEachServersOwnKeysAShopMovedToAnotherServerMakesAFullHandshake() throws Exception {
        first = ClusterBridges.first(dir, List.of(STORE), Map.of());
        second = ClusterBridges.next(first, dir, "second", Map.of());

        assertThat(resumedAfterAMove()).isZero();
    }

    /** Connects the shop to the first server through a balancer, moves it to the second, prints there. */
    private long resumedAfterAMove() throws Exception {
        VirtualPrinter printer = new VirtualPrinter();
        try (TcpProxy balancer = new TcpProxy(first.grpcPort());
                Agent agent = Bridge.connected(first.startAgent(STORE, printer, balancer.port()))) {
            awaitHeldBy(first);

            balancer.sendTo(second.grpcPort());
            balancer.cutAll();
            awaitHeldBy(second);

            JsonNode job = second.json(second.post("/api/v1/stores/" + STORE + "/jobs?wait=10", rawJob("moved\n")));
            assertThat(job.get("state").asText()).isEqualTo("DONE");
            assertThat(new String(printer.printed(), StandardCharsets.US_ASCII)).isEqualTo("moved\n");
            assertThat(first.server().getBean(SessionTicketKeys.class).resumedHandshakes())
                    .as("the first connection was a full handshake")
                    .isZero();
            return second.server().getBean(SessionTicketKeys.class).resumedHandshakes();
        }
    }

    private static void awaitHeldBy(Bridge server) throws InterruptedException {
        AgentStreams streams = server.server().getBean(AgentStreams.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (streams.find(STORE).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(streams.find(STORE)).as("the shop's stream on this server").isPresent();
    }

    private Path secret() throws Exception {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        Path file = dir.resolve("ticket-secret");
        Files.writeString(file, Base64.getEncoder().encodeToString(material) + "\n", StandardCharsets.US_ASCII);
        return file;
    }

    private static String rawJob(String text) {
        return "{\"type\":\"raw\",\"data\":\""
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII)) + "\"}";
    }
}
