package io.printbridge.server.cli;

import io.printbridge.server.identity.CaRollover;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where the {@code ca} commands do their work: the database directly, or a running server's admin API. */
interface CaBackend extends AutoCloseable {

    /** A CA retired, with what still depended on it (nothing unless forced). */
    record Retired(CaRollover.CaStatus ca, long liveCertificates, long stores, boolean signedServerCertificate) {}

    List<CaRollover.CaStatus> status();

    /** A CA added, and where this server keeps its key (null without one). */
    record Added(CaRollover.CaStatus ca, @Nullable Path keyFile) {}

    /** Adds {@code certificate} as a trusted store CA, with {@code key} kept on this server if given. */
    Added add(X509Certificate certificate, @Nullable PrivateKey key);

    CaRollover.CaStatus issueFrom(String fingerprint);

    Retired retire(String fingerprint, boolean force);

    /** When the servers take a change made here up. */
    String takenUp();

    @Override
    void close();
}
