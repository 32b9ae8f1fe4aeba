package io.printbridge.server.cluster;

import java.util.concurrent.CompletableFuture;

/**
 * This server's part in a cluster of servers sharing one database: claiming and releasing the
 * streams it holds, and hinting the others. {@link LocalServer} when the cluster is disabled:
 * every claim is granted at once and no hint goes anywhere.
 */
public interface Cluster {

    /** Whether other servers may share the database (and this server's hints reach them). */
    boolean enabled();

    /**
     * Makes this server the holder of {@code storeId}'s stream, whoever held it: completes with the
     * claim's epoch, higher than any before it. Never completes on the caller's thread with a
     * database wait (the callers are network threads).
     */
    CompletableFuture<Claim> claim(String storeId);

    /** The stream that claimed {@code storeId} under {@code epoch} is over: its row goes, if still its own. */
    void release(String storeId, long epoch);

    /**
     * How many servers share the fleet now, this one counted (1 on a single server): as of this
     * server's last beat, so it may lag a server's start or death by a beat or two.
     */
    int liveServers();

    /** Hints the other servers, soon; batched with other hints. */
    void send(ClusterMessage message);

    /**
     * A granted claim.
     *
     * @param epoch the claim's epoch (0 on a single server)
     * @param fromOtherServer whether another server held the store's stream before: it may have sent
     *     jobs in its last moments whose SENT it never wrote
     */
    record Claim(long epoch, boolean fromOtherServer) {}
}
