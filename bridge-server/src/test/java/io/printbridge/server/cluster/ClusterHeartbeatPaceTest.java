package io.printbridge.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.ClusterBridges;
import io.printbridge.server.testing.RawAgents;
import java.nio.file.Path;
import java.time.Duration;
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
    private final RawAgents agents = new RawAgents();

    @BeforeEach
    void start() throws Exception {
        Map<String, Object> pace = Map.of(
                "bridge.grpc.heartbeat-interval", "1s",
                "bridge.grpc.heartbeats-per-second", "1",
                "bridge.cluster.beat-interval", "200ms");
        first = ClusterBridges.first(dir, STORES, pace);
        second = ClusterBridges.next(first, dir, "second", pace);
    }

    @AfterEach
    void stop() throws InterruptedException {
        agents.close();
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
        agents.close();
        awaitAllOffline();

        assertThat(welcomedInterval("blida-03"))
                .as("the first stream held again on one of two servers, three stores known")
                .isEqualTo(Duration.ofSeconds(2));

        second.close();
        second = null;
        awaitLiveServers(firstCluster::liveServers, 1);
        agents.close();
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

    /** The heartbeat interval the first server's Welcome asks of a stream opened for {@code store}, kept open. */
    private Duration welcomedInterval(String store) throws Exception {
        return ProtoDurations.toJava(agents.hello(first, store).getHeartbeatInterval());
    }
}
