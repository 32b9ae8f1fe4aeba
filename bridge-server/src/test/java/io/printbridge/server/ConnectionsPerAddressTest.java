package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.grpc.UnauthenticatedConnections;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.RawAgent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One client address cannot take the agents' port from the shops: past a few connections that have
 * shown no certificate (waiting for their handshake, in it, or past it without one), its new ones
 * are closed as they come, while a shop dialling from another address connects, and a connection
 * that shows a store's certificate stops counting. (Linux gives
 * the whole of 127.0.0.0/8 to the loopback, so each test client dials from an address of its own.)
 */
class ConnectionsPerAddressTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int BOUND = 3;

    @TempDir
    static Path dir;

    static Bridge bridge;
    static UnauthenticatedConnections perAddress;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("addr-01"),
                Map.of(
                        "bridge.grpc.max-unauthenticated-connections-per-address",
                        BOUND,
                        // The silent connections keep their place for the whole test.
                        "bridge.grpc.handshake-timeout",
                        "120s"));
        perAddress = bridge.server().getBean(UnauthenticatedConnections.class);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void aFloodFromOneAddressIsClosedAtItsBoundWhileAShopElsewhereConnects() throws Exception {
        InetAddress flooder = InetAddress.getByName("127.0.0.11");
        long refusedBefore = perAddress.refused();
        List<SSLSocket> flood = new ArrayList<>();
        try {
            // Past their handshake without a certificate, they keep counting while they stay open.
            for (int i = 0; i < BOUND; i++) {
                flood.add(tlsWithoutCertificateFrom(flooder));
            }
            HandshakeDeadlinesTest.await(
                    () -> perAddress.count(flooder) == BOUND, "the connections without a certificate count");

            // Closed before the server reads a byte: its ClientHello gets no answer.
            assertThatThrownBy(() -> tlsWithoutCertificateFrom(flooder).close())
                    .as("a connection past the bound")
                    .isInstanceOf(IOException.class);
            assertThat(perAddress.refused()).isEqualTo(refusedBefore + 1);

            // One closes: the address may open one more.
            flood.remove(0).close();
            HandshakeDeadlinesTest.await(
                    () -> perAddress.count(flooder) == BOUND - 1, "the closed connection no longer counts");
            flood.add(tlsWithoutCertificateFrom(flooder));

            // A shop of its own address connects, and stops counting once its certificate is shown.
            InetAddress shop = InetAddress.getByName("127.0.0.12");
            try (RawAgent agent = new RawAgent(
                    bridge.grpcPort(),
                    bridge.certs().agentCertificate("addr-01"),
                    bridge.certs().agentKey("addr-01"),
                    bridge.certs().caCertificate(),
                    SslProvider.OPENSSL,
                    shop.getHostAddress())) {
                agent.connect(hello());
                ServerMessage first = agent.next(WAIT);
                assertThat(first).as("the shop's first message from the server").isNotNull();
                assertThat(first.hasWelcome()).as("welcomed: %s", first).isTrue();
                assertThat(perAddress.count(shop))
                        .as("connections of the shop's address still counted")
                        .isZero();
            }
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
        HandshakeDeadlinesTest.await(
                () -> perAddress.count(flooder) == 0 && perAddress.addresses() == 0,
                "the closed connections no longer count");
    }

    /** A TLS connection from {@code local} that shows no certificate (as a PC enrolling), past its handshake. */
    private static SSLSocket tlsWithoutCertificateFrom(InetAddress local) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, new TrustManager[] {new AnyServer()}, null);
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(local, 0));
        plain.connect(new InetSocketAddress("127.0.0.1", bridge.grpcPort()), (int) WAIT.toMillis());
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "127.0.0.1", bridge.grpcPort(), true);
        try {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static AgentMessage hello() {
        return AgentMessage.newBuilder()
                .setHello(Hello.newBuilder()
                        .setAgentVersion("raw")
                        .setProtocolVersion(3)
                        .setHostname("till"))
                .build();
    }

    /** The server's identity is not what is tested here. */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
