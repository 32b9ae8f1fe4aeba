package io.printbridge.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.ClusterBridges;
import io.printbridge.server.testing.RawAgent;
import io.printbridge.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On several servers each paces its agents' heartbeats for its share of the fleet, the stores known
 * divided among the servers alive, and for the whole fleet again once it is alone: with a budget of
 * one heartbeat a second and three stores known, a shop coming back to one of two servers is asked
 * for 2 s, and for 3 s once the other server has left.
 */
class ClusterHeartbeatPaceTest {

    private static final List<String> STORES = List.of("alger-01", "blida-03", "tizi-05");

    @TempDir
    Path dir;

    private Bridge first;
    private Bridge second;
    private final List<RawAgent> agents = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        boolean required = Boolean.getBoolean("bridge.test.postgres.required");
        assumeTrue(required || TestDatabase.postgresReachable(), "PostgreSQL is not reachable");
        Map<String, Object> pace = Map.of(
                "bridge.grpc.heartbeat-interval", "1s",
                "bridge.grpc.heartbeats-per-second", "1",
                "bridge.cluster.beat-interval", "200ms");
        first = ClusterBridges.first(dir, STORES, pace);
        second = ClusterBridges.next(first, dir, "second", pace);
    }

    @AfterEach
    void stop() throws InterruptedException {
        closeAgents();
        ClusterBridges.close(first, second);
    }

    @Test
    void eachServerPacesForItsShareOfTheStoresKnownAndForAllOnceAlone() throws Exception {
        Cluster firstCluster = first.server().getBean(Cluster.class);
        awaitLiveServers(firstCluster::liveServers, 2);
        assertThat(second.server().getBean(Cluster.class).liveServers()).isEqualTo(2);
        for (String store : STORES) {
            welcomedInterval(store);
        }
        closeAgents();
        awaitAllOffline();

        assertThat(welcomedInterval("blida-03"))
                .as("the first stream held again on one of two servers, three stores known")
                .isEqualTo(Duration.ofSeconds(2));

        second.close();
        second = null;
        awaitLiveServers(firstCluster::liveServers, 1);
        closeAgents();
        awaitAllOffline();

        assertThat(welcomedInterval("tizi-05"))
                .as("the first stream held again on the one server left, three stores known")
                .isEqualTo(Duration.ofSeconds(3));
    }

    private static void awaitLiveServers(IntSupplier liveServers, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (liveServers.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(liveServers.getAsInt()).as("servers alive").isEqualTo(expected);
    }

    private void awaitAllOffline() throws Exception {
        first.await(
                "/api/v1/stores",
                s -> s.findValues("online").stream().noneMatch(JsonNode::asBoolean),
                Duration.ofSeconds(10));
    }

    private void closeAgents() throws InterruptedException {
        for (RawAgent agent : agents) {
            agent.close();
        }
        agents.clear();
    }

    /** Opens a stream for {@code store} on the first server, kept open until closed, and reads its Welcome. */
    private Duration welcomedInterval(String store) throws Exception {
        RawAgent agent = new RawAgent(
                first.grpcPort(),
                first.certs().agentCertificate(store),
                first.certs().agentKey(store),
                first.certs().caCertificate());
        agents.add(agent);
        agent.connect(AgentMessage.newBuilder()
                .setHello(Hello.newBuilder().setAgentVersion("test"))
                .build());
        ServerMessage welcome = agent.next(Duration.ofSeconds(10));
        assertThat(welcome).as("a Welcome for " + store).isNotNull();
        assertThat(welcome.hasWelcome())
                .as("a Welcome for " + store + ": " + welcome)
                .isTrue();
        return ProtoDurations.toJava(welcome.getWelcome().getHeartbeatInterval());
    }
}
