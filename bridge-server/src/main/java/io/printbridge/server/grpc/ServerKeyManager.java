package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;

/**
 * The server's certificate and key as TLS serves them, replaceable while the server runs: each
 * new handshake asks for the current pair, established connections keep the one they were made
 * with. Netty's OpenSSL context asks the key manager at every handshake (it caches nothing unless
 * told to), so installing a new pair here is all a reload needs.
 *
 * <p>Each pair has an alias of its own. A handshake chooses an alias, then asks for its chain and
 * its key in two calls; the pair installed before the current one is kept, so a reload between
 * those calls cannot hand out the new chain with the old key.
 */
final class ServerKeyManager extends X509ExtendedKeyManager {

    /** A certificate chain (the server's own first) and its key, under an alias of their own. */
    record Served(String alias, List<X509Certificate> chain, PrivateKey key) {

        Served {
            requireNonNull(alias, "alias");
            chain = List.copyOf(chain);
            requireNonNull(key, "key");
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("chain: empty (expected: the server's certificate first)");
            }
        }

        X509Certificate certificate() {
            return chain.get(0);
        }
    }

    private final AtomicLong generations = new AtomicLong();
    private volatile Served current;
    private volatile @Nullable Served previous;

    ServerKeyManager(List<X509Certificate> chain, PrivateKey key) {
        this.current = new Served(nextAlias(), chain, key);
    }

    /** Serves {@code chain} and {@code key} to every handshake from now on. */
    void install(List<X509Certificate> chain, PrivateKey key) {
        Served next = new Served(nextAlias(), chain, key);
        previous = current;
        current = next;
    }

    /** What new handshakes get. */
    Served served() {
        return current;
    }

    private String nextAlias() {
        return "server-" + generations.incrementAndGet();
    }

    private @Nullable Served byAlias(@Nullable String alias) {
        Served now = current;
        if (now.alias().equals(alias)) {
            return now;
        }
        Served before = previous;
        return before != null && before.alias().equals(alias) ? before : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current.alias();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current.alias();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {current.alias()};
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
        Served served = byAlias(alias);
        return served == null ? null : served.chain().toArray(X509Certificate[]::new);
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
        Served served = byAlias(alias);
        return served == null ? null : served.key();
    }

    /** The server never acts as a TLS client. */
    @Override
    public String @Nullable [] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public @Nullable String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public @Nullable String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
