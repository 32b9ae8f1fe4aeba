package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Welcome tells each agent within how long to come back after a crash (a stop without notice),
 * sized to the server's fleet as a stop's return window is, and the agent's reconnect waits grow no
 * wider. With one return a second here, the window is 1 s plus the larger of 4 s and one second per
 * stream: 5 s for the first agent, wider as the fleet grows.
 */
class ReturnWindowWelcomeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int STORES = 8;

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        List<String> stores = IntStream.rangeClosed(1, STORES)
                .mapToObj(i -> String.format("window-%02d", i))
                .toList();
        bridge = new Bridge(dir, stores, Map.of("bridge.streams.returns-per-second", 1));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void theAgentsReconnectWaitsAreBoundedByTheWindowOfItsWelcome() throws Exception {
        List<Agent> agents = new ArrayList<>();
        try {
            for (int i = 1; i <= STORES; i++) {
                Agent agent = bridge.startAgentWithRealBackoff(String.format("window-%02d", i), new VirtualPrinter());
                agents.add(agent);
                assertThat(agent.link().awaitConnected(WAIT))
                        .as("agent %d connected", i)
                        .isTrue();
            }

            assertThat(agents.get(0).link().widestReconnectWait())
                    .as("the first agent of the fleet (its own cap is 30 s)")
                    .isEqualTo(Duration.ofSeconds(5));
            // The eighth was welcomed with seven streams held and its own: 1 s + 8 s.
            assertThat(agents.get(STORES - 1).link().widestReconnectWait())
                    .as("the eighth")
                    .isEqualTo(Duration.ofSeconds(1 + STORES));
        } finally {
            for (Agent agent : agents) {
                agent.close();
            }
        }
    }
}
