package io.printbridge.server.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Servers of one cluster in one JVM: one PostgreSQL schema, the same certificates and CA, the
 * cluster enabled, and a short sweep so that a lost hint shows within a test's patience.
 */
public final class ClusterBridges {

    private ClusterBridges() {}

    /**
     * The first server, named {@code first}, with {@code stores} enrolled and {@code extra} settings;
     * the test is skipped where PostgreSQL is absent ({@link TestDatabase#assumePostgres}).
     */
    public static Bridge first(Path dir, List<String> stores, Map<String, Object> extra) throws Exception {
        TestDatabase.assumePostgres();
        Map<String, Object> settings = new HashMap<>(extra);
        settings.putAll(cluster("first"));
        return new Bridge(dir.resolve("first"), stores, settings, TestDatabase.POSTGRES);
    }

    /** Another server named {@code serverId} on {@code first}'s database, certificates and CA. */
    public static Bridge next(Bridge first, Path dir, String serverId, Map<String, Object> extra) throws Exception {
        Map<String, Object> shared = new HashMap<>(TestDatabase.POSTGRES.properties(dir.resolve("first/data")));
        shared.remove("bridge.data-dir");
        shared.put("bridge.grpc.certificate", first.certs().serverCertificate().toString());
        shared.put("bridge.grpc.key", first.certs().serverKey().toString());
        shared.put("bridge.grpc.client-ca", first.certs().caCertificate().toString());
        shared.put("bridge.identity.ca-key", first.certs().caKey().toString());
        shared.putAll(cluster(serverId));
        shared.putAll(extra);
        return new Bridge(dir.resolve(serverId), List.of(), shared, TestDatabase.POSTGRES);
    }

    private static Map<String, Object> cluster(String serverId) {
        return Map.of(
                "bridge.cluster.enabled",
                true,
                "bridge.cluster.server-id",
                serverId,
                "bridge.cluster.sweep-interval",
                "500ms");
    }

    /** Closes the servers that started, the last started first. */
    public static void close(Bridge... servers) {
        for (int i = servers.length - 1; i >= 0; i--) {
            if (servers[i] != null) {
                servers[i].close();
            }
        }
    }
}
