package io.printbridge.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.printbridge.agent.testing.ServerTls;
import io.printbridge.certs.DevCertificates;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.ServerMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's TLS handshake waits as long as it is told, not Netty's fixed 10 s: through a relay
 * that holds the agent's first bytes for a while (as a server's handshake queue does), a handshake
 * given less than that wait fails on its timeout, and one given more completes.
 */
class PatientTlsTest {

    private static final String STORE = "patient-01";
    /** How long the relay holds a new connection before it reaches the server. */
    private static final Duration HELD = Duration.ofMillis(2_500);

    @TempDir
    Path dir;

    private DevCertificates certificates;
    private Server server;
    private DelayingRelay relay;

    @BeforeEach
    void start() throws IOException {
        certificates = DevCertificates.create(dir, List.of(STORE));
        // A server with no service: a stream that reaches it is answered UNIMPLEMENTED, which says
        // the handshake completed.
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sslContext(ServerTls.of(certificates))
                .build()
                .start();
        relay = new DelayingRelay(server.getPort(), HELD);
    }

    @AfterEach
    void stop() throws InterruptedException {
        relay.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aHandshakeGivenLessThanTheWaitFailsOnItsTimeout() throws Exception {
        Status status = streamThroughRelay(Duration.ofMillis(500));

        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(causes(status.getCause())).anyMatch(SslHandshakeTimeoutException.class::isInstance);
    }

    @Test
    void aHandshakeGivenMoreThanTheWaitCompletes() throws Exception {
        Status status = streamThroughRelay(HELD.multipliedBy(3));

        assertThat(status.getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
    }

    @Test
    void theAgentWaitsLongerThanNettysDefaultAndItsFirstKeepalivePingDoesNotCutTheWaitShort() {
        LinkSettings defaults = LinkSettings.defaults("localhost", 8443);

        assertThat(AgentChannels.TLS_HANDSHAKE_TIMEOUT).isGreaterThan(Duration.ofSeconds(10));
        // grpc's keepalive runs from the connection's start: an unanswered ping ends a queued handshake.
        assertThat(defaults.keepAliveTime().plus(defaults.keepAliveTimeout()))
                .isGreaterThanOrEqualTo(AgentChannels.TLS_HANDSHAKE_TIMEOUT);
    }

    /** Opens the agent's stream through the relay and returns how it ended. */
    private Status streamThroughRelay(Duration handshakeTimeout) throws Exception {
        TlsFiles tls = new TlsFiles(
                certificates.agentCertificate(STORE), certificates.agentKey(STORE), certificates.caCertificate());
        ManagedChannel channel =
                AgentChannels.open(LinkSettings.defaults("localhost", relay.port()), tls, handshakeTimeout);
        try {
            CompletableFuture<Status> ended = new CompletableFuture<>();
            StreamObserver<AgentMessage> out = ClientCalls.asyncBidiStreamingCall(
                    channel.newCall(AgentLinkGrpc.getConnectMethod(), io.grpc.CallOptions.DEFAULT),
                    new StreamObserver<ServerMessage>() {
                        @Override
                        public void onNext(ServerMessage value) {}

                        @Override
                        public void onError(Throwable t) {
                            ended.complete(Status.fromThrowable(t));
                        }

                        @Override
                        public void onCompleted() {
                            ended.complete(Status.OK);
                        }
                    });
            out.onNext(AgentMessage.getDefaultInstance());
            return ended.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    /**
     * Accepts a connection at once (the client's handshake clock starts), then connects it to the
     * server only after {@code held}, copying bytes both ways from then on.
     */
    private static final class DelayingRelay implements AutoCloseable {

        private final ServerSocket listening;
        private final Duration held;
        private final Thread acceptor;

        DelayingRelay(int serverPort, Duration held) throws IOException {
            this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.held = held;
            this.acceptor = daemon("relay-accept", () -> accept(serverPort));
        }

        int port() {
            return listening.getLocalPort();
        }

        private void accept(int serverPort) {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    daemon("relay-held", () -> relay(client, serverPort));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void relay(Socket client, int serverPort) {
            try (client;
                    Socket upstream = sleepThenConnect(serverPort)) {
                Thread back = daemon("relay-back", () -> copy(upstream, client));
                copy(client, upstream);
                back.join();
            } catch (IOException | InterruptedException e) {
                // The test's channel went away: nothing to relay.
            }
        }

        private Socket sleepThenConnect(int serverPort) throws IOException, InterruptedException {
            Thread.sleep(held.toMillis());
            return new Socket(InetAddress.getLoopbackAddress(), serverPort);
        }

        private static void copy(Socket from, Socket to) {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                in.transferTo(out);
                to.shutdownOutput();
            } catch (IOException e) {
                // One side closed: the other follows when its socket closes.
            }
        }

        private static Thread daemon(String name, Runnable work) {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        @Override
        public void close() {
            try {
                listening.close();
                acceptor.join(5_000);
            } catch (IOException | InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
