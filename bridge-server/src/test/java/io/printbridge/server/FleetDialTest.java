package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.grpc.HandshakeAdmission;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.RawAgent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet that dials at once, against a server that runs only two TLS handshakes at a time: every
 * shop ends connected (real mutual TLS, real streams welcomed), the others having waited their turn
 * unread, and no handshake slot is left held once they are done.
 */
class FleetDialTest {

    private static final int SHOPS = 40;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        List<String> stores =
                IntStream.range(0, SHOPS).mapToObj(i -> "fleet-" + i).toList();
        bridge = new Bridge(
                dir,
                stores,
                Map.of("bridge.grpc.max-concurrent-handshakes", 2, "bridge.grpc.max-queued-handshakes", 1000));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void everyShopOfAFleetThatDialsAtOnceIsWelcomedThroughTwoHandshakeSlots() throws Exception {
        HandshakeAdmission admission = bridge.server().getBean(HandshakeAdmission.class);
        assertThat(admission.maxInProgress()).isEqualTo(2);
        long completedBefore = admission.completed();
        List<RawAgent> agents = new ArrayList<>();
        ExecutorService dialers = Executors.newFixedThreadPool(SHOPS);
        try {
            for (int i = 0; i < SHOPS; i++) {
                String store = "fleet-" + i;
                agents.add(new RawAgent(
                        bridge.grpcPort(),
                        bridge.certs().agentCertificate(store),
                        bridge.certs().agentKey(store),
                        bridge.certs().caCertificate()));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ServerMessage>> answers = new ArrayList<>();
            for (RawAgent agent : agents) {
                answers.add(dialers.submit(() -> {
                    go.await();
                    agent.connect(AgentMessage.newBuilder()
                            .setHello(Hello.newBuilder()
                                    .setAgentVersion("fleet-test")
                                    .setHostname("pc"))
                            .build());
                    return agent.next(WAIT);
                }));
            }
            go.countDown();

            for (Future<ServerMessage> answer : answers) {
                ServerMessage first = answer.get();
                assertThat(first).isNotNull();
                assertThat(first.hasWelcome()).isTrue();
            }
            assertThat(admission.completed() - completedBefore).isGreaterThanOrEqualTo(SHOPS);
            assertThat(admission.refused()).isZero();
            assertThat(admission.expired()).isZero();
        } finally {
            dialers.shutdownNow();
            for (RawAgent agent : agents) {
                agent.close();
            }
        }
        awaitIdle(admission);
    }

    /** Every slot back and nobody waiting: the handshakes' ends, in whatever order, freed them all. */
    static void awaitIdle(HandshakeAdmission admission) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((admission.inProgress() != 0 || admission.queued() != 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(admission.inProgress()).as("handshake slots still held").isZero();
        assertThat(admission.queued()).as("connections still queued").isZero();
    }
}
