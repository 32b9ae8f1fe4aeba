package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.netty.shaded.io.netty.channel.embedded.EmbeddedChannel;
import io.printbridge.server.testing.LogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The listening socket's handler with the process out of open files: an accept that fails rests
 * the socket a second and says why in one line, rather than a stack trace per failed accept (the
 * path a server whose reserve was spent by other connections takes; the bounds keep it off it).
 */
class AcceptLimiterTest {

    private final EmbeddedChannel socket = new EmbeddedChannel();

    private AcceptLimiter limiter() {
        return new AcceptLimiter(
                new HandshakeAdmission(4, 4, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                new AgentConnectionBudget(10, 0, OpenFiles.UNKNOWN),
                new UnauthenticatedConnections(0),
                socket);
    }

    @Test
    void aFailedAcceptRestsTheSocketASecondWithOneLineAMinute() throws Exception {
        socket.pipeline().addLast(limiter());
        try (LogCapture log = new LogCapture(AcceptLimiter.class.getName())) {
            socket.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));
            socket.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));

            assertThat(socket.config().isAutoRead())
                    .as("accepting right after the failure")
                    .isFalse();
            assertThat(log.messagesContaining(
                            "the agents' port cannot accept a connection: accept(..) failed:" + " Too many open files"))
                    .as("lines for two failed accepts within the minute")
                    .hasSize(1);
            socket.checkException(); // handled here: not passed on to Netty's tail, which logs each with its trace

            socket.advanceTimeBy(1, TimeUnit.SECONDS);
            socket.runScheduledPendingTasks();
            assertThat(socket.config().isAutoRead())
                    .as("accepting a second later")
                    .isTrue();
        }
    }

    @Test
    void otherFailuresPassOn() {
        socket.pipeline().addLast(limiter());
        socket.pipeline().fireExceptionCaught(new IllegalStateException("not an accept"));

        assertThatThrownBy(socket::checkException).hasMessage("not an accept");
        assertThat(socket.config().isAutoRead()).isTrue();
    }
}
