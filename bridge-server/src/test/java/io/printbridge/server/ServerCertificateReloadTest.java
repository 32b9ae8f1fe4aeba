package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.IssuedCertificate;
import io.printbridge.certs.Pem;
import io.printbridge.certs.Validity;
import io.printbridge.server.grpc.AgentLinkServer;
import io.printbridge.server.streams.AgentStream;
import io.printbridge.server.streams.AgentStreams;
import io.printbridge.server.testing.Bridge;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's certificate replaced on disk while agents print: new connections get the new one
 * without a restart, the stream already open carries on, and a half-replaced pair (the certificate
 * written, its key not yet) is not served.
 */
class ServerCertificateReloadTest {

    private static final String STORE = "oran-01";

    @TempDir
    Path dir;

    Bridge bridge;

    @BeforeEach
    void start() throws Exception {
        bridge = new Bridge(dir, List.of(STORE), Map.of("bridge.grpc.reload-interval", "200ms"));
    }

    @AfterEach
    void stop() {
        bridge.close();
    }

    @Test
    void aNewCertificateOnDiskIsServedToNewConnectionsWhileTheOpenStreamKeepsPrinting() throws Exception {
        VirtualPrinter printer = new VirtualPrinter();
        Agent agent = Bridge.connected(bridge.startAgent(STORE, printer));
        assertThat(print("before")).isEqualTo("DONE");
        AgentStream stream = streams().find(STORE).orElseThrow();
        X509Certificate old = Pem.readCertificate(bridge.certs().serverCertificate());
        assertThat(servedChain()[0].getSerialNumber()).isEqualTo(old.getSerialNumber());

        IssuedCertificate replacement = bridge.certs()
                .ca()
                .issueServer(List.of("localhost", "127.0.0.1"), Validity.fromNow(Duration.ofDays(30)));
        replace(replacement);

        BigInteger served = awaitServedSerial(replacement.certificate().getSerialNumber());
        assertThat(served).isNotEqualTo(old.getSerialNumber());
        // The chain: the new certificate and the store CA that signed it.
        X509Certificate[] chain = servedChain();
        assertThat(chain).hasSize(2);
        assertThat(chain[1]).isEqualTo(Pem.readCertificate(bridge.certs().caCertificate()));
        // The stream opened before is the same stream, and prints.
        assertThat(streams().find(STORE)).containsSame(stream);
        assertThat(stream.state()).isEqualTo(AgentStream.State.DELIVERING);
        assertThat(print("after")).isEqualTo("DONE");
        assertThat(new String(printer.printed(), StandardCharsets.ISO_8859_1)).contains("after");
        // A new agent dials and is welcomed with the new certificate.
        agent.close();
        Bridge.connected(bridge.startAgent(STORE, new VirtualPrinter()));
        assertThat(servedChain()[0].getSerialNumber())
                .isEqualTo(replacement.certificate().getSerialNumber());
    }

    @Test
    void aCertificateWrittenBeforeItsKeyIsNotServedUntilTheKeyFollows() throws Exception {
        X509Certificate old = Pem.readCertificate(bridge.certs().serverCertificate());
        IssuedCertificate replacement = bridge.certs()
                .ca()
                .issueServer(List.of("localhost", "127.0.0.1"), Validity.fromNow(Duration.ofDays(30)));
        Path staged = replacement.writePem(dir.resolve("staged"), "server");

        // IT copied the certificate; the key is still the old one.
        Files.copy(staged, bridge.certs().serverCertificate(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        bridge.server().getBean(AgentLinkServer.class).reloadCertificate();

        assertThat(servedChain()[0].getSerialNumber()).isEqualTo(old.getSerialNumber());
        Bridge.connected(bridge.startAgent(STORE, new VirtualPrinter()));

        Files.copy(
                dir.resolve("staged").resolve("server.key"),
                bridge.certs().serverKey(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(awaitServedSerial(replacement.certificate().getSerialNumber()))
                .isEqualTo(replacement.certificate().getSerialNumber());
    }

    /** Writes the new pair where the server reads it, the key first, each file moved into place whole. */
    private void replace(IssuedCertificate replacement) throws Exception {
        Path staged = replacement.writePem(dir.resolve("staged"), "server");
        Files.move(
                dir.resolve("staged").resolve("server.key"),
                bridge.certs().serverKey(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, bridge.certs().serverCertificate(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private BigInteger awaitServedSerial(BigInteger expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        BigInteger served = servedChain()[0].getSerialNumber();
        while (!served.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            served = servedChain()[0].getSerialNumber();
        }
        return served;
    }

    private String print(String text) throws Exception {
        String data = Base64.getEncoder().encodeToString((text + "\n").getBytes(StandardCharsets.US_ASCII));
        JsonNode job = bridge.json(bridge.post(
                "/api/v1/stores/" + STORE + "/jobs?wait=10", "{\"type\":\"raw\",\"data\":\"" + data + "\"}"));
        return job.get("state").asText();
    }

    private AgentStreams streams() {
        return bridge.server().getBean(AgentStreams.class);
    }

    /** The chain the server sends a new connection, as a TLS client sees it (no client certificate needed for that). */
    private X509Certificate[] servedChain() throws Exception {
        AtomicReference<X509Certificate[]> seen = new AtomicReference<>();
        X509TrustManager recording = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen.set(chain.clone());
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, new TrustManager[] {recording}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", bridge.grpcPort())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"h2"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(5000);
            socket.startHandshake();
        }
        X509Certificate[] chain = seen.get();
        if (chain == null) {
            throw new AssertionError("the server sent no certificate");
        }
        return chain;
    }
}
