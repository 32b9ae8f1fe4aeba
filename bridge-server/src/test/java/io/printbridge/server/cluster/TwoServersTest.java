package io.printbridge.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.streams.AgentStreams;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.ClusterBridges;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers in one JVM sharing one PostgreSQL schema, the same certificates and the cluster
 * enabled: a job taken by the server that does not hold the shop's stream is delivered by the one
 * that does, and its {@code ?wait} answered with the final state; each server lists the store
 * online wherever its stream is; a shop that moves is followed; a second connection of the shop on
 * the other server replaces the first everywhere (newest epoch wins).
 */
class TwoServersTest {

    private static final String STORE = "oran-07";

    @TempDir
    Path dir;

    private Bridge first;
    private Bridge second;
    private final VirtualPrinter printer = new VirtualPrinter();

    @BeforeEach
    void start() throws Exception {
        first = ClusterBridges.first(dir, List.of(STORE), Map.of());
        second = ClusterBridges.next(first, dir, "second", Map.of());
    }

    @AfterEach
    void stop() {
        ClusterBridges.close(first, second);
    }

    @Test
    void aJobTakenByEitherServerIsPrintedOnceByTheHolderAndItsWaitAnswered() throws Exception {
        try (Agent agent = Bridge.connected(first.startAgent(STORE, printer, first.grpcPort()))) {
            awaitOnline(second, true);

            JsonNode viaSecond = second.json(second.post("/api/v1/stores/" + STORE + "/jobs?wait=10", rawJob("B\n")));
            JsonNode viaFirst = first.json(first.post("/api/v1/stores/" + STORE + "/jobs?wait=10", rawJob("A\n")));

            assertThat(viaSecond.get("state").asText()).isEqualTo("DONE");
            assertThat(viaFirst.get("state").asText()).isEqualTo("DONE");
            assertThat(new String(printer.printed(), StandardCharsets.US_ASCII)).isEqualTo("B\nA\n");
            // Read back from the other server: one record.
            JsonNode readBack =
                    first.json(first.get("/api/v1/jobs/" + viaSecond.get("id").asText()));
            assertThat(readBack.get("state").asText()).isEqualTo("DONE");
        }
    }

    @Test
    void aShopThatMovesIsFollowedAndEachServerSaysWhereItIs() throws Exception {
        try (Agent agent = Bridge.connected(first.startAgent(STORE, printer, first.grpcPort()))) {
            awaitOnline(second, true);
        }
        awaitOnline(second, false);
        awaitOnline(first, false);

        try (Agent moved = Bridge.connected(first.startAgent(STORE, printer, second.grpcPort()))) {
            awaitOnline(first, true);
            JsonNode job = first.json(first.post("/api/v1/stores/" + STORE + "/jobs?wait=10", rawJob("C\n")));

            assertThat(job.get("state").asText()).isEqualTo("DONE");
            assertThat(new String(printer.printed(), StandardCharsets.US_ASCII)).isEqualTo("C\n");
        }
    }

    @Test
    void aJobForAnOfflineShopWaitsAndIsDeliveredWhenItConnectsToTheOtherServer() throws Exception {
        try (Agent once = Bridge.connected(first.startAgent(STORE, printer, first.grpcPort()))) {
            awaitOnline(first, true);
        }
        awaitOnline(first, false);
        HttpResponse<String> accepted = first.post("/api/v1/stores/" + STORE + "/jobs", rawJob("D\n"));
        assertThat(accepted.statusCode()).isEqualTo(201);
        String id = first.json(accepted).get("id").asText();

        try (Agent agent = Bridge.connected(first.startAgent(STORE, printer, second.grpcPort()))) {
            JsonNode done = first.await(
                    "/api/v1/jobs/" + id, job -> job.get("state").asText().equals("DONE"), Duration.ofSeconds(15));

            assertThat(done.get("state").asText()).isEqualTo("DONE");
            assertThat(new String(printer.printed(), StandardCharsets.US_ASCII)).isEqualTo("D\n");
        }
    }

    @Test
    void aNewerConnectionOnTheOtherServerReplacesTheOlderOneEverywhere() throws Exception {
        VirtualPrinter other = new VirtualPrinter();
        try (Agent older = Bridge.connected(first.startAgent(STORE, printer, first.grpcPort()));
                Agent newer = Bridge.connected(first.startAgent(STORE, other, second.grpcPort()))) {
            AgentStreams firstStreams = first.server().getBean(AgentStreams.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (firstStreams.find(STORE).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(firstStreams.find(STORE))
                    .as("the older stream, on the first server")
                    .isEmpty();

            JsonNode job = first.json(first.post("/api/v1/stores/" + STORE + "/jobs?wait=10", rawJob("E\n")));

            assertThat(job.get("state").asText()).isEqualTo("DONE");
            assertThat(new String(other.printed(), StandardCharsets.US_ASCII)).isEqualTo("E\n");
            assertThat(printer.printed()).isEmpty();
        }
    }

    private static String rawJob(String text) {
        return "{\"type\":\"raw\",\"data\":\""
                + java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII)) + "\"}";
    }

    private static void awaitOnline(Bridge server, boolean online) throws Exception {
        server.await(
                "/api/v1/stores",
                list -> {
                    for (JsonNode store : list.get("stores")) {
                        if (store.get("storeId").asText().equals(STORE)) {
                            return store.get("online").asBoolean() == online;
                        }
                    }
                    return !online;
                },
                Duration.ofSeconds(15));
    }
}
