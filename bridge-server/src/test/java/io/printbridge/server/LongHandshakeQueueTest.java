package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.Agent;
import io.printbridge.agent.link.StreamListener;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.grpc.HandshakeAdmission;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.LogCapture;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection may wait in the handshake queue longer than Netty's 10 s handshake timeout, on both
 * ends: the server starts its TLS (and that clock) only when the connection gets its slot, and the
 * agent waits as long as AgentChannels says. Here two silent connections hold the only slot one
 * after the other, 10 s each (the server's TLS clock closes each), while an agent's connection
 * waits behind them for about 20 s; it is served when the slot frees, not closed by either side's
 * 10 s and dialled again.
 */
class LongHandshakeQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    static Bridge bridge;
    static HandshakeAdmission admission;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("queue-01"),
                Map.of(
                        "bridge.grpc.max-concurrent-handshakes",
                        1,
                        "bridge.grpc.max-queued-handshakes",
                        4,
                        "bridge.grpc.handshake-queue-timeout",
                        "30s",
                        // Above Netty's 10 s: the silent connections are closed by the server's TLS clock.
                        "bridge.grpc.handshake-timeout",
                        "30s"));
        admission = bridge.server().getBean(HandshakeAdmission.class);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void anAgentQueuedLongerThanTenSecondsIsServedOnItsFirstConnection() throws Exception {
        FleetDialTest.awaitIdle(admission);
        long completedBefore = admission.completed();
        long failedBefore = admission.failed();
        try (Socket first = new Socket("127.0.0.1", bridge.grpcPort())) {
            HandshakeDeadlinesTest.await(
                    () -> admission.inProgress() == 1, "the first silent connection holds the slot");
            Agent agent = bridge.startAgent("queue-01", new VirtualPrinter());
            AtomicInteger endedDials = new AtomicInteger();
            agent.link().listen(new StreamListener() {
                @Override
                public void ended() {
                    endedDials.incrementAndGet();
                }
            });
            HandshakeDeadlinesTest.await(() -> admission.queued() == 1, "the agent's connection waits");
            // The newest waiter is served first: this one takes the slot after the first, the agent after both.
            try (Socket second = new Socket("127.0.0.1", bridge.grpcPort())) {
                HandshakeDeadlinesTest.await(() -> admission.queued() == 2, "the second silent connection waits");

                assertThat(agent.link().awaitConnected(WAIT))
                        .as("agent connected within " + WAIT)
                        .isTrue();
            }

            // The agent's one connection was kept about 20 s: not closed while it waited (by the
            // server's TLS clock or the agent's), so the agent never dialled again; not expired;
            // its handshake is the one completed, the silent two the ones failed.
            assertThat(endedDials)
                    .as("dials of the agent that ended before it connected")
                    .hasValue(0);
            assertThat(admission.abandoned()).isZero();
            assertThat(admission.expired()).isZero();
            assertThat(admission.completed()).isEqualTo(completedBefore + 1);
            assertThat(admission.failed()).isEqualTo(failedBefore + 2);
            agent.close();
        }
    }

    @Test
    void aClientThatGivesUpWhileItWaitsIsCountedAsAbandonedWithoutAWarning() throws Exception {
        FleetDialTest.awaitIdle(admission);
        long abandonedBefore = admission.abandoned();
        try (LogCapture negotiator = new LogCapture("io.printbridge.server.grpc.AgentTlsNegotiator");
                Socket holder = new Socket("127.0.0.1", bridge.grpcPort())) {
            HandshakeDeadlinesTest.await(() -> admission.inProgress() == 1, "a silent connection holds the slot");
            try (Socket waiter = new Socket("127.0.0.1", bridge.grpcPort())) {
                HandshakeDeadlinesTest.await(() -> admission.queued() == 1, "the second connection waits");
                // The start of a ClientHello, then the client gives up: the server reads it before its slot.
                OutputStream out = waiter.getOutputStream();
                out.write(new byte[] {0x16, 0x03, 0x01});
                out.flush();
            }
            HandshakeDeadlinesTest.await(
                    () -> admission.abandoned() == abandonedBefore + 1, "the waiter counted as abandoned");
            assertThat(admission.queued()).isZero();
            assertThat(negotiator.messagesContaining("no TLS handler"))
                    .as("warnings about a connection its client closed while it waited")
                    .isEmpty();
        }
    }
}
