package io.printbridge.fleetsim;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.printbridge.agent.link.AgentTlsContexts;
import io.printbridge.certs.DevCertificates;
import io.printbridge.certs.IssuedCertificate;
import io.printbridge.certs.Validity;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The run's throwaway store CA, with the server's certificate written as files for the server
 * process, and one agent certificate per store issued in memory: writing twenty thousand PEM
 * pairs to disk and reading them back would only slow the start.
 */
final class FleetCertificates {

    private final DevCertificates files;
    private final X509Certificate caCertificate;
    private final Validity validity = Validity.fromNow(Duration.ofDays(2));

    private FleetCertificates(DevCertificates files) {
        this.files = files;
        this.caCertificate = files.ca().certificate();
    }

    /** A new CA and a server certificate for localhost in {@code directory}. */
    static FleetCertificates create(Path directory) throws IOException {
        return new FleetCertificates(DevCertificates.create(directory, List.of()));
    }

    /** The CA and server files, as {@code ServerProcess} hands them to the server. */
    DevCertificates serverFiles() {
        return files;
    }

    /**
     * A store's own TLS context: its new key and certificate (SAN {@code urn:printbridge:store:<id>}),
     * TLS 1.3 only and the store CA as the only trust, as the real agent's channel has them.
     */
    SslContext agentContext(String storeId) throws SSLException {
        IssuedCertificate issued = files.ca().issueAgent(storeId, validity);
        return GrpcSslContexts.forClient()
                .protocols("TLSv1.3")
                // As long as the real agent keeps its session: the server's ticket life.
                .sessionTimeout(AgentTlsContexts.SESSION_LIFETIME.toSeconds())
                .trustManager(caCertificate)
                // Netty puts the key in a throwaway key store of the JVM's default type, PKCS#12, which
                // protects it with 10,000 rounds of PBKDF2: 15 to 40 ms an agent here. A JKS store takes
                // under a millisecond, and this store never leaves memory.
                .keyStoreType("JKS")
                .keyManager(issued.privateKey(), issued.certificate())
                .build();
    }
}
