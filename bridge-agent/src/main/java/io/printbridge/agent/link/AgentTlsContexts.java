package io.printbridge.agent.link;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.printbridge.certs.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The agent's TLS context, built from its files once and kept for as long as the files hold the
 * same bytes. The context holds the client's TLS session cache: the session ticket the server gave
 * at the last connection is shown at the next dial, and the server resumes that session rather than
 * check both certificates again, which is what a fleet coming back after a server restart waits for
 * (BENCHMARKS.md, "Resumed sessions"). A new context for each channel, as before, began every dial
 * with an empty cache. A renewed certificate or a new CA bundle changes the files, and the next
 * channel gets a new context: a full handshake that shows the new certificate.
 */
public final class AgentTlsContexts {

    /**
     * How long a session is offered again: as long as the server's tickets are accepted
     * (BoringSSL's TLS 1.3 bound, 48 h; the server's {@code SessionTicketKeys}). Netty's client
     * default, 300 s, would forget the session of any connection older than five minutes. The fleet
     * simulator's agents keep theirs as long.
     */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(48);

    private record Built(TlsFiles files, List<byte[]> contents, SslContext context) {}

    private @Nullable Built last;

    /**
     * The context for {@code tls}: the one built before if the files are unchanged.
     *
     * @throws IOException naming the file when the certificate, the key or the CA bundle cannot be
     *     read as PEM
     */
    public synchronized SslContext contextFor(TlsFiles tls) throws IOException {
        tls.requireReadable();
        List<byte[]> contents = contents(tls);
        Built before = last;
        if (before != null && before.files().equals(tls) && same(before.contents(), contents)) {
            return before.context();
        }
        SslContext context = build(tls);
        last = new Built(tls, contents, context);
        return context;
    }

    private static SslContext build(TlsFiles tls) throws IOException {
        // The files are parsed here and Netty is given the objects: from a key file, Netty reads
        // through BouncyCastle whenever it is on the class path (it is, for enrolment), loading
        // its provider's 800 classes into an agent that must stay small at rest.
        SslContextBuilder ssl = GrpcSslContexts.forClient()
                .protocols("TLSv1.3")
                .sessionTimeout(SESSION_LIFETIME.toSeconds())
                .trustManager(Pem.readCertificates(tls.trustedCa()).toArray(X509Certificate[]::new));
        Path certificate = tls.certificate();
        Path key = tls.key();
        if (certificate != null && key != null) {
            ssl.keyManager(
                    Pem.readPrivateKey(key), Pem.readCertificates(certificate).toArray(X509Certificate[]::new));
        }
        return ssl.build();
    }

    private static List<byte[]> contents(TlsFiles tls) throws IOException {
        List<byte[]> contents = new ArrayList<>(3);
        for (Path file : Arrays.asList(tls.certificate(), tls.key(), tls.trustedCa())) {
            contents.add(file == null ? new byte[0] : Files.readAllBytes(file));
        }
        return contents;
    }

    private static boolean same(List<byte[]> a, List<byte[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
