package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.RawAgents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Welcome asks for a longer heartbeat interval as the server holds more streams
 * ({@code bridge.grpc.heartbeats-per-second}); here a budget of one heartbeat a second, so the
 * second shop held is asked to beat every 2 s and the third every 3 s, and a shop coming back is
 * paced for every store known.
 */
class HeartbeatPaceWelcomeTest {

    @TempDir
    Path dir;

    private Bridge bridge;
    private final RawAgents agents = new RawAgents();

    @BeforeEach
    void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("alger-01", "blida-03", "tizi-05"),
                Map.of("bridge.grpc.heartbeat-interval", "1s", "bridge.grpc.heartbeats-per-second", "1"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        agents.close();
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void eachWelcomeAsksForAnIntervalSizedToTheStreamsHeld() throws Exception {
        assertThat(welcomedInterval("alger-01")).isEqualTo(Duration.ofSeconds(1));
        assertThat(welcomedInterval("blida-03")).isEqualTo(Duration.ofSeconds(2));
        assertThat(welcomedInterval("tizi-05")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aShopComingBackIsPacedForTheWholeFleetKnownNotForTheFewStreamsHeldYet() throws Exception {
        everyStoreCameAndLeft();

        assertThat(welcomedInterval("blida-03"))
                .as("the first stream held again, of three stores known")
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void storesNotSeenForLongerThanTheHorizonAreLeftOutOfTheFleet() throws Exception {
        bridge.close();
        bridge = new Bridge(
                dir.resolve("horizon"),
                List.of("alger-01", "blida-03", "tizi-05"),
                Map.of(
                        "bridge.grpc.heartbeat-interval", "1s",
                        "bridge.grpc.heartbeats-per-second", "1",
                        "bridge.stores.active-within", "2s"));
        everyStoreCameAndLeft();
        Thread.sleep(3000); // all three last seen longer ago than the horizon

        assertThat(welcomedInterval("blida-03"))
                .as("the only stream held, the other two stores gone for longer than the horizon")
                .isEqualTo(Duration.ofSeconds(1));
    }

    /** Each of the three stores connects (known from now on), then all leave. */
    private void everyStoreCameAndLeft() throws Exception {
        welcomedInterval("alger-01");
        welcomedInterval("blida-03");
        welcomedInterval("tizi-05");
        agents.close();
        bridge.await(
                "/api/v1/stores",
                s -> s.findValues("online").stream().noneMatch(JsonNode::asBoolean),
                Duration.ofSeconds(10));
    }

    /** The heartbeat interval the Welcome asks of a stream opened for {@code store}, kept open. */
    private Duration welcomedInterval(String store) throws Exception {
        return ProtoDurations.toJava(agents.hello(bridge, store).getHeartbeatInterval());
    }
}
