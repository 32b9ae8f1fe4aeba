package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.grpc.HandshakeAdmission;
import io.printbridge.server.testing.Bridge;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of handshake admission, with one slot and one place in the queue: clients that open a
 * connection and never speak (a port scan, a stuck PC, an attacker) hold a slot or a place only
 * until their deadline, and a dial that finds the queue full is closed before TLS, yet its agent
 * comes back and connects once there is room.
 */
class HandshakeDeadlinesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static Bridge bridge;
    static HandshakeAdmission admission;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("wait-01"),
                Map.of(
                        "bridge.grpc.max-concurrent-handshakes",
                        1,
                        "bridge.grpc.max-queued-handshakes",
                        1,
                        "bridge.grpc.handshake-queue-timeout",
                        "3s",
                        "bridge.grpc.handshake-timeout",
                        "6s"));
        admission = bridge.server().getBean(HandshakeAdmission.class);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @BeforeEach
    void idle() throws InterruptedException {
        FleetDialTest.awaitIdle(admission);
    }

    @Test
    void aConnectionThatNeverSendsItsClientHelloLosesItsSlotAtTheHandshakeDeadline() throws Exception {
        long failedBefore = admission.failed();
        try (Socket silent = new Socket("127.0.0.1", bridge.grpcPort())) {
            await(() -> admission.inProgress() == 1, "the silent connection holds the slot");

            assertClosedByTheServer(silent);
        }
        FleetDialTest.awaitIdle(admission);
        assertThat(admission.failed()).isEqualTo(failedBefore + 1);
    }

    @Test
    void aConnectionQueuedPastItsDeadlineIsClosedUnread() throws Exception {
        long expiredBefore = admission.expired();
        try (Socket holder = new Socket("127.0.0.1", bridge.grpcPort())) {
            await(() -> admission.inProgress() == 1, "the first connection holds the slot");
            try (Socket waiting = new Socket("127.0.0.1", bridge.grpcPort())) {
                waiting.getOutputStream().write("a ClientHello that waits unread".getBytes());
                await(() -> admission.queued() == 1, "the second connection waits");

                assertClosedByTheServer(waiting);
            }
            assertThat(admission.expired()).isEqualTo(expiredBefore + 1);
        }
        FleetDialTest.awaitIdle(admission);
    }

    @Test
    void aDialPastTheSlotsAndTheQueueWaitsInTheKernelUnacceptedAndConnectsOnceThereIsRoom() throws Exception {
        long refusedBefore = admission.refused();
        long pausesBefore = admission.pauses();
        Agent agent;
        try (Socket holder = new Socket("127.0.0.1", bridge.grpcPort())) {
            await(() -> admission.inProgress() == 1, "the first connection holds the slot");
            try (Socket waiting = new Socket("127.0.0.1", bridge.grpcPort())) {
                await(() -> admission.queued() == 1, "the second connection waits");
                assertThat(admission.acceptingPaused()).isTrue();
                assertThat(admission.pauses()).isEqualTo(pausesBefore + 1);

                agent = bridge.startAgent("wait-01", new VirtualPrinter());
                // Its dial is not accepted: it neither queues nor is closed, it waits in the kernel.
                Thread.sleep(1_000);
                assertThat(admission.queued()).isEqualTo(1);
                assertThat(admission.refused()).isEqualTo(refusedBefore);
                assertThat(agent.link().state()).isNotEqualTo(io.printbridge.agent.link.AgentLink.State.CONNECTED);
            }
        }

        Bridge.connected(agent);
        assertThat(admission.acceptingPaused()).isFalse();
        assertThat(admission.refused()).isEqualTo(refusedBefore);
        agent.close();
    }

    private static void assertClosedByTheServer(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        try {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        } catch (SocketException reset) {
            // Closed with our bytes unread: the kernel answers with a reset rather than an end of stream.
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        }
    }

    /** Waits up to 30 s for {@code condition}, failing with {@code what} past that. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }
}
