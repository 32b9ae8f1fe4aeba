package io.printbridge.server.cluster;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/** One server alone with its database (the default, and always on H2): nothing to claim or tell. */
@Singleton
@Secondary
public final class LocalServer implements Cluster {

    private static final CompletableFuture<Claim> GRANTED = CompletableFuture.completedFuture(new Claim(0, false));

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public CompletableFuture<Claim> claim(String storeId) {
        return GRANTED;
    }

    @Override
    public void release(String storeId, long epoch) {}

    @Override
    public int liveServers() {
        return 1;
    }

    @Override
    public void send(ClusterMessage message) {}
}
