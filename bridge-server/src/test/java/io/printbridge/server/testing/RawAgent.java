package io.printbridge.server.testing;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.stub.StreamObserver;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.ServerMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A foreign agent for tests: the raw gRPC stub with whatever certificate it is given (real or
 * forged), sending hand-made messages. It dials from a local port of its own choosing, so a test
 * can find the server's log lines about this very connection.
 */
public final class RawAgent implements AutoCloseable {

    private final ManagedChannel channel;
    private final String localAddress;
    /** The local ports of this agent's connections, in order (the channel dials again after a failure). */
    private final List<Integer> localPorts = new CopyOnWriteArrayList<>();

    private final BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Status> ended = new CompletableFuture<>();
    private @Nullable StreamObserver<AgentMessage> toServer;

    public RawAgent(int serverPort, Path certificate, Path key, Path trustedCa) throws IOException {
        this(serverPort, certificate, key, trustedCa, SslProvider.OPENSSL);
    }

    /**
     * @param tls the client's TLS stack: the JDK's sends a certificate that OpenSSL (what the real
     *     agent uses) would refuse to sign with, so the server's own checks are what is tested
     */
    public RawAgent(int serverPort, Path certificate, Path key, Path trustedCa, SslProvider tls) throws IOException {
        this(serverPort, certificate, key, trustedCa, tls, "127.0.0.1");
    }

    /**
     * @param localAddress the loopback address this agent dials from ({@code 127.0.0.2}...: a shop
     *     of its own address, as the server sees it)
     */
    public RawAgent(int serverPort, Path certificate, Path key, Path trustedCa, SslProvider tls, String localAddress)
            throws IOException {
        this.localAddress = localAddress;
        this.channel = NettyChannelBuilder.forAddress("localhost", serverPort)
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forClient(), tls)
                        .keyManager(certificate.toFile(), key.toFile())
                        .trustManager(trustedCa.toFile())
                        .protocols("TLSv1.3")
                        .build())
                .localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
                    @Override
                    public SocketAddress createSocketAddress(SocketAddress remote, io.grpc.Attributes attributes) {
                        try {
                            int port = Bridge.freePort();
                            localPorts.add(port);
                            return new InetSocketAddress(localAddress, port);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                })
                .disableRetry()
                .build();
    }

    /** The address the server saw this agent's first connection come from, as its log lines write it. */
    public String address() {
        if (localPorts.isEmpty()) {
            throw new IllegalStateException("address: this agent has not dialled yet");
        }
        return localAddress + ":" + localPorts.get(0);
    }

    /** Opens the stream and sends {@code first}. */
    public RawAgent connect(AgentMessage first) {
        toServer = AgentLinkGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(ServerMessage message) {
                received.add(message);
            }

            @Override
            public void onError(Throwable error) {
                ended.complete(Status.fromThrowable(error));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
        toServer.onNext(first);
        return this;
    }

    public void send(AgentMessage message) {
        if (toServer == null) {
            throw new IllegalStateException("send: not connected (call connect first)");
        }
        toServer.onNext(message);
    }

    /** The next message from the server, or null after {@code timeout}. */
    public @Nullable ServerMessage next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How the stream ended (OK when the server completed it), waiting up to {@code timeout}. */
    public Status awaitEnd(Duration timeout) throws Exception {
        return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (toServer != null && !ended.isDone()) {
            try {
                toServer.onCompleted();
            } catch (RuntimeException ignored) {
                // the call is already closing
            }
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
