package io.printbridge.agent.service;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.printbridge.agent.testing.ServerTls;
import io.printbridge.certs.DevCertificates;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.PrintBytes;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.Welcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for bridge-server on an ephemeral port with real mutual TLS (certificates from
 * {@link DevCertificates}): it welcomes each stream, records what the agent says, sends print
 * commands on demand and counts streams that ended. Enough to see a packaged or serviced agent
 * connect, print and close its stream, without the server module.
 */
final class TestBridgeServer implements AutoCloseable {

    static final String STORE = "test-store";

    private final Server server;
    private final DevCertificates certificates;
    private final List<AgentMessage> heard = new CopyOnWriteArrayList<>();
    private final AtomicInteger welcomed = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicReference<@Nullable StreamObserver<ServerMessage>> toAgent = new AtomicReference<>();

    private TestBridgeServer(Server server, DevCertificates certificates) {
        this.server = server;
        this.certificates = certificates;
    }

    /** Makes a throwaway CA, server and agent certificates in {@code directory}, then listens on localhost. */
    static TestBridgeServer start(Path directory) throws IOException {
        DevCertificates certificates = DevCertificates.create(directory, List.of(STORE));
        TestBridgeServer[] self = new TestBridgeServer[1];
        AgentLinkGrpc.AgentLinkImplBase service = new AgentLinkGrpc.AgentLinkImplBase() {
            @Override
            public StreamObserver<AgentMessage> connect(StreamObserver<ServerMessage> out) {
                return self[0].stream(out);
            }
        };
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(ServerTls.of(certificates))
                .permitKeepAliveTime(1, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .addService(service)
                .build()
                .start();
        self[0] = new TestBridgeServer(server, certificates);
        return self[0];
    }

    private StreamObserver<AgentMessage> stream(StreamObserver<ServerMessage> out) {
        return new StreamObserver<>() {
            @Override
            public void onNext(AgentMessage message) {
                heard.add(message);
                if (message.hasHello()) {
                    toAgent.set(out);
                    synchronized (out) {
                        out.onNext(ServerMessage.newBuilder()
                                .setWelcome(Welcome.newBuilder()
                                        .setStoreId(STORE)
                                        .setHeartbeatInterval(
                                                Duration.newBuilder().setSeconds(15)))
                                .build());
                    }
                    welcomed.incrementAndGet();
                }
            }

            @Override
            public void onError(Throwable t) {
                ended.incrementAndGet(); // the agent cancelled its stream (a stop) or the line broke
            }

            @Override
            public void onCompleted() {
                ended.incrementAndGet();
                synchronized (out) {
                    out.onCompleted();
                }
            }
        };
    }

    int port() {
        return server.getPort();
    }

    /** The agent's settings for this server: address and the agent's identity files. */
    String agentProperties() {
        return "server.address=localhost:" + port() + "\n"
                + "tls.certificate=" + slashes(certificates.agentCertificate(STORE)) + "\n"
                + "tls.key=" + slashes(certificates.agentKey(STORE)) + "\n"
                + "tls.ca=" + slashes(certificates.caCertificate()) + "\n";
    }

    int welcomed() {
        return welcomed.get();
    }

    int ended() {
        return ended.get();
    }

    /** Sends a print command with these bytes on the latest welcomed stream. */
    void print(String commandId, byte[] data) {
        StreamObserver<ServerMessage> out = toAgent.get();
        if (out == null) {
            throw new IllegalStateException("no agent stream to print on (expected: an agent welcomed first)");
        }
        synchronized (out) {
            out.onNext(ServerMessage.newBuilder()
                    .setCommand(Command.newBuilder()
                            .setId(commandId)
                            .setTimeToLive(Duration.newBuilder().setSeconds(60))
                            .setPrint(PrintBytes.newBuilder().setData(ByteString.copyFrom(data))))
                    .build());
        }
    }

    /** Whether the agent reported a result for this command. */
    boolean resultFor(String commandId) {
        return heard.stream()
                .anyMatch(m -> m.hasResult() && m.getResult().getCommandId().equals(commandId));
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    static boolean await(BooleanSupplier condition, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Java properties files take backslashes as escapes: Windows paths are written with slashes. */
    private static String slashes(Path path) {
        return path.toAbsolutePath().toString().replace('\\', '/');
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
