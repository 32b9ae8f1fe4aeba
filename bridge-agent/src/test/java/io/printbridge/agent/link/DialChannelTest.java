package io.printbridge.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After a server comes back, the agent's next dial reaches it: not failed at once with the error of
 * the connection that failed while it was away (grpc keeps a failed channel in TRANSIENT_FAILURE
 * until it is READY again, failing new calls with the old error). On the same channel, with {@code
 * resetConnectBackoff} before the call (what the agent did before), that call ended UNAVAILABLE.
 */
class DialChannelTest {

    /** A method no server has: a call that reaches the server ends UNIMPLEMENTED. */
    private static final MethodDescriptor<byte[], byte[]> NOWHERE = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("test.Nowhere/Call")
            .setRequestMarshaller(new Bytes())
            .setResponseMarshaller(new Bytes())
            .build();

    private int port;
    private DialChannel dial;
    private @Nullable Server server;

    @BeforeEach
    void openWhileTheServerIsAway() throws IOException {
        port = freePort();
        dial = new DialChannel(() ->
                NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
    }

    @AfterEach
    void close() throws InterruptedException {
        dial.close();
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void serverComesBack() throws IOException {
        server = NettyServerBuilder.forPort(port).build().start();
    }

    @Test
    void aDialAfterTheServerCameBackReachesItOnANewChannel() throws Exception {
        ManagedChannel first = dial.forNextStream();
        assertThat(call(first)).as("while the server is away").isEqualTo(Status.Code.UNAVAILABLE);
        serverComesBack();

        ManagedChannel second = dial.forNextStream();

        assertThat(call(second)).as("the first dial after it came back").isEqualTo(Status.Code.UNIMPLEMENTED);
        assertThat(second).as("the failed channel is replaced").isNotSameAs(first);
        assertThat(first.isShutdown()).as("and shut down").isTrue();
        assertThat(dial.forNextStream())
                .as("a channel that did not fail is kept")
                .isSameAs(second);
    }

    @Test
    void aDialThatFailedReplacesItsChannelAtOnceAndOneWhoseConnectionIsUpIsKept() throws Exception {
        ManagedChannel first = dial.forNextStream();
        assertThat(call(first)).isEqualTo(Status.Code.UNAVAILABLE);

        dial.dialFailed(first);

        // Shut down now, not at the next dial: grpc does not reconnect it meanwhile.
        assertThat(first.isShutdown())
                .as("the failed channel, right after the failure")
                .isTrue();
        serverComesBack();
        ManagedChannel second = dial.forNextStream();
        assertThat(second).isNotSameAs(first);
        assertThat(call(second)).isEqualTo(Status.Code.UNIMPLEMENTED);

        // A stream refused by a server whose connection is up: the connection is kept.
        dial.dialFailed(second);
        assertThat(dial.forNextStream()).isSameAs(second);
        assertThat(second.isShutdown()).isFalse();
    }

    private static Status.Code call(ManagedChannel channel) {
        try {
            ClientCalls.blockingUnaryCall(
                    channel, NOWHERE, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), new byte[0]);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
