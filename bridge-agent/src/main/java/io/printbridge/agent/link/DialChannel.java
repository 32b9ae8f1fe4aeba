package io.printbridge.agent.link;

import static java.util.Objects.requireNonNull;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's channel to the server, replaced by a new one when a dial would find it failed
 * ({@link #failed}): each dial after a failure opens a connection of its own and
 * learns that connection's fate, and no failed channel keeps reconnecting on grpc's own schedule.
 */
public final class DialChannel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DialChannel.class);

    /** Opens a channel with the agent's certificate and trust. */
    @FunctionalInterface
    public interface Opener {
        ManagedChannel open() throws IOException;
    }

    private final Opener opener;
    private ManagedChannel current;

    public DialChannel(Opener opener) throws IOException {
        this.opener = requireNonNull(opener, "opener");
        this.current = opener.open();
    }

    /** The channel for the next stream: a new one if the one before failed (the old one shut down at once). */
    public synchronized ManagedChannel forNextStream() {
        current = replaceIfFailed(current, opener);
        return current;
    }

    /**
     * A stream on {@code dialled} ended before its Welcome: unless its connection is up, the channel
     * is replaced now, so that grpc does not reconnect it in the background on its own schedule while
     * the link waits out its backoff (after a restart, thousands of such connections reached the
     * server, queued for a handshake, and were dropped at the agents' next dial).
     */
    public synchronized void dialFailed(Channel dialled) {
        if (dialled == current) {
            current = replaceUnlessReady(current, opener);
        }
    }

    /**
     * {@code channel}, or a new one from {@code opener} if it {@link #failed failed}
     * ({@code channel} is then shut down at once). When a new one cannot be opened, {@code channel}
     * all the same: its own reconnection may yet succeed.
     */
    public static ManagedChannel replaceIfFailed(ManagedChannel channel, Opener opener) {
        return failed(channel) ? replace(channel, opener) : channel;
    }

    /** {@code channel} if its connection is READY, else a new one from {@code opener} (as {@link #replaceIfFailed}). */
    public static ManagedChannel replaceUnlessReady(ManagedChannel channel, Opener opener) {
        return channel.getState(false) == ConnectivityState.READY ? channel : replace(channel, opener);
    }

    /**
     * Whether a stream opened on {@code channel} now would fail at once with the error of an earlier
     * connection, without a dial of its own: it is then replaced.
     *
     * <p>Why: grpc's pick-first keeps a failed channel in TRANSIENT_FAILURE until a connection is
     * READY (gRFC A62), failing every new call at once with the old error while it reconnects in
     * the background on its own backoff. Its {@code resetConnectBackoff}, used before, starts that
     * reconnection but does not wait for it: after a server restart the first dial of every agent
     * failed with the stale "Connection refused" although the server was up, and cost a backoff
     * wait. Making the channel idle instead ({@code enterIdle}) left its old subchannel reconnecting
     * for 5 s more: after a restart those connections reached the server and took handshakes for
     * nothing (2.7 sockets per agent at the peak). A new channel, the old one shut down at once, does
     * neither.
     */
    private static boolean failed(ManagedChannel channel) {
        return channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE;
    }

    private static ManagedChannel replace(ManagedChannel channel, Opener opener) {
        ManagedChannel fresh;
        try {
            fresh = opener.open();
        } catch (IOException | RuntimeException e) {
            log.warn("cannot open a new channel to the server ({}); dialling on the failed one", e.toString());
            return channel;
        }
        channel.shutdownNow();
        return fresh;
    }

    /** Shuts the channel down, waiting up to 5 s for its streams to end. */
    @Override
    public void close() {
        ManagedChannel channel;
        synchronized (this) {
            channel = current;
        }
        shutdown(channel);
    }

    /** Shuts {@code channel} down, waiting up to 5 s for its streams to end, then at once. */
    public static void shutdown(ManagedChannel channel) {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.shutdownNow();
        }
    }
}
