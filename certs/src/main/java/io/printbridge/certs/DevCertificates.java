package io.printbridge.certs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway CA, a server certificate for localhost and agent certificates, written as PEM
 * files: what the demo and the tests run on. Never for production (the CA key sits beside
 * the rest).
 */
public record DevCertificates(Path directory, CertificateAuthority ca) {

    public static DevCertificates create(Path directory, List<String> storeIds) throws IOException {
        CertificateAuthority ca = CertificateAuthority.create("printbridge development CA", Duration.ofDays(30));
        ca.writePem(directory, "ca");
        Validity validity = Validity.fromNow(Duration.ofDays(30));
        ca.issueServer(List.of("localhost", "127.0.0.1"), validity).writePem(directory, "server");
        DevCertificates dev = new DevCertificates(directory, ca);
        for (String store : storeIds) {
            dev.issueAgent(store, validity);
        }
        return dev;
    }

    /** Issues {@code agent-<storeId>.pem/.key} in this directory. */
    public Path issueAgent(String storeId, Validity validity) throws IOException {
        return ca.issueAgent(storeId, validity).writePem(directory, "agent-" + storeId);
    }

    public Path caCertificate() {
        return directory.resolve("ca.pem");
    }

    /** The CA's private key, which a server holds to issue agent certificates itself. */
    public Path caKey() {
        return directory.resolve("ca.key");
    }

    public Path serverCertificate() {
        return directory.resolve("server.pem");
    }

    public Path serverKey() {
        return directory.resolve("server.key");
    }

    public Path agentCertificate(String storeId) {
        return directory.resolve("agent-" + storeId + ".pem");
    }

    public Path agentKey(String storeId) {
        return directory.resolve("agent-" + storeId + ".key");
    }
}
