package io.printbridge.server.grpc;

import io.micronaut.context.annotation.Requires;
import io.printbridge.logging.RateLimitedLog;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many connections of the agents' port each client address holds that have not shown a store's
 * certificate: accepted and waiting for a handshake slot, in their TLS handshake, or past it without
 * a client certificate (a PC enrolling). Past {@code max-unauthenticated-connections-per-address},
 * a new connection from that address is closed as it is accepted, before any crypto.
 *
 * <p>Why: the handshake slots and queue ({@link HandshakeAdmission}) are shared by the whole fleet,
 * and anyone on the internet can open connections to the port. Without this, one client that opens
 * ten thousand connections and says nothing holds every place in the queue for its deadline, the
 * port stops accepting ({@link AcceptLimiter}), and no shop connects; again at each wave. With it,
 * one address holds at most this many places, and the shops' connections, each from its own
 * address, are served as before. A connection that showed a certificate no longer counts: it is a
 * store's, and what one store may do is bounded per store (one stream owner, message limits).
 *
 * <p>Shops behind one NAT share an address: past the bound, theirs are closed too and dial again
 * after their backoff, so they are served in turns rather than locked out. Behind a TCP load
 * balancer that hides the agents' addresses every connection has the balancer's: there, set the
 * bound to 0 (none) or to the fleet's size, and bound sources at the balancer (docs/deploy/cluster).
 *
 * <p>Thread-safe: the accepting loop opens, any connection's loop closes. Only addresses with a
 * counted connection have an entry, so the map holds at most as many as the port has connections
 * not yet identified.
 */
@Singleton
@Requires(notEnv = "cli")
public final class UnauthenticatedConnections {

    private static final Logger log = LoggerFactory.getLogger(UnauthenticatedConnections.class);

    private final int maxPerAddress;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    /** A flood from one address is one line a minute, with the count of the others. */
    private final RateLimitedLog refusals = new RateLimitedLog(TimeUnit.MINUTES.toNanos(1));

    @Inject
    UnauthenticatedConnections(GrpcServerConfig config) {
        this(config.maxUnauthenticatedConnectionsPerAddress());
    }

    /** @param maxPerAddress connections per address not yet identified; 0 means no bound */
    UnauthenticatedConnections(int maxPerAddress) {
        if (maxPerAddress < 0) {
            throw new IllegalArgumentException("max-unauthenticated-connections-per-address: " + maxPerAddress
                    + " (expected: 0 for no bound, or more)");
        }
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Counts a new connection from {@code address}, unless that address holds the most already.
     *
     * @return false when the connection must be closed; when true, {@link #release} must follow,
     *     once (a certificate shown, or the connection closed)
     */
    boolean open(InetAddress address) {
        if (maxPerAddress == 0) {
            return true;
        }
        boolean[] admitted = {false};
        open.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            refused.incrementAndGet();
            long unlogged = refusals.logNow(System.nanoTime());
            if (unlogged >= 0) {
                log.warn(
                        "connections from {} closed as they came: it holds {} connections to the agents' port that have"
                                + " shown no certificate, the most one address may (bridge.grpc."
                                + "max-unauthenticated-connections-per-address; behind a load balancer, see"
                                + " docs/deploy/cluster){}",
                        address.getHostAddress(),
                        maxPerAddress,
                        unlogged > 0 ? " (" + unlogged + " more refused in the last minute)" : "");
            }
        }
        return admitted[0];
    }

    /** A connection from {@code address} counted by {@link #open} no longer counts: it showed a certificate, or closed. */
    void release(InetAddress address) {
        if (maxPerAddress == 0) {
            return;
        }
        open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    /** The bound per address; 0 when there is none. */
    public int maxPerAddress() {
        return maxPerAddress;
    }

    /** Connections from {@code address} that count now. */
    public int count(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    /** Addresses that hold a connection not yet identified, now. */
    public int addresses() {
        return open.size();
    }

    /** Connections closed as they came because their address held the most, since the start. */
    public long refused() {
        return refused.get();
    }
}
