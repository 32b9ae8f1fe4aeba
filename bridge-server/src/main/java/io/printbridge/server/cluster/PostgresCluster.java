package io.printbridge.server.cluster;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server as one of several sharing a PostgreSQL database ({@code bridge.cluster.enabled}):
 * claims and releases stream ownership on a thread of its own (the network threads never wait
 * for the database), beats every {@code beat-interval} so the others know it is alive, and sends
 * and hears hints ({@link PostgresNotifications}). What to do with the hints is
 * {@link ClusterReceiver}'s.
 */
@Singleton
@Requires(property = "bridge.cluster.enabled", value = "true")
@Requires(notEnv = "cli")
public final class PostgresCluster implements Cluster {

    private static final Logger log = LoggerFactory.getLogger(PostgresCluster.class);

    private final ClusterConfig config;
    private final String serverId;
    private final StreamOwners owners;
    private final PostgresNotifications notifications;
    private final List<Consumer<List<ClusterMessage>>> receivers = new CopyOnWriteArrayList<>();
    private final List<Runnable> resyncs = new CopyOnWriteArrayList<>();
    /** Claims and releases, in the order asked: a store's release never overtakes its next claim. */
    private final ExecutorService ownership = Executors.newSingleThreadExecutor(r -> thread(r, "stream-owners"));

    private final ScheduledExecutorService beats =
            Executors.newSingleThreadScheduledExecutor(r -> thread(r, "cluster-beat"));
    /** The servers alive at this server's last beat, this one counted. */
    private volatile int liveServers;

    PostgresCluster(ClusterConfig config, TransactionOperations<Connection> transactions, Environment environment) {
        this.config = requireNonNull(config, "config");
        String url =
                environment.getProperty("datasources.default.url", String.class).orElse("");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException("bridge.cluster.enabled=true needs PostgreSQL (datasources.default.url"
                    + " is \"" + url.replaceAll("password=[^;&]*", "password=…") + "\"): several servers share one"
                    + " PostgreSQL database; the embedded H2 file belongs to one server process");
        }
        this.serverId = config.effectiveServerId();
        this.owners = new StreamOwners(transactions, serverId, config.deadAfter());
        this.liveServers = owners.beat();
        this.notifications = new PostgresNotifications(
                url,
                environment
                        .getProperty("datasources.default.username", String.class)
                        .orElse(""),
                environment
                        .getProperty("datasources.default.password", String.class)
                        .orElse(""),
                serverId,
                channel(transactions),
                this::received,
                this::resync);
        notifications.start();
        long every = config.beatInterval().toMillis();
        beats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        log.info("server {} joins the cluster on PostgreSQL", serverId);
    }

    /**
     * The NOTIFY channel of the servers sharing this schema: NOTIFY reaches every session of the
     * database, and two fleets in two schemas of one database must not hear each other.
     */
    private static String channel(TransactionOperations<Connection> transactions) {
        String schema = transactions.executeRead(status -> {
            try (java.sql.Statement s = status.getConnection().createStatement();
                    java.sql.ResultSet row = s.executeQuery("SELECT current_schema()")) {
                row.next();
                String name = row.getString(1);
                return name == null ? "public" : name;
            }
        });
        String channel =
                "printbridge_" + schema.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return channel.length() <= 63 ? channel : channel.substring(0, 63);
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    public String serverId() {
        return serverId;
    }

    ClusterConfig config() {
        return config;
    }

    StreamOwners owners() {
        return owners;
    }

    boolean listening() {
        return notifications.listening();
    }

    @Override
    public CompletableFuture<Claim> claim(String storeId) {
        try {
            return CompletableFuture.supplyAsync(() -> owners.claim(storeId), ownership)
                    .thenApply(claim -> {
                        send(new ClusterMessage.StreamClaimed(storeId, claim.epoch()));
                        return claim;
                    });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the server is stopping", e));
        }
    }

    @Override
    public void release(String storeId, long epoch) {
        if (epoch <= 0) {
            return; // never claimed
        }
        try {
            ownership.execute(() -> {
                try {
                    owners.release(storeId, epoch);
                } catch (RuntimeException e) {
                    // The row names this server until the sweep or a new claim; others see the
                    // store online until this server's beat stops or the agent comes back.
                    log.warn("store {}: the end of its stream was not recorded: {}", storeId, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping: leave() releases everything
        }
    }

    @Override
    public int liveServers() {
        return liveServers;
    }

    @Override
    public void send(ClusterMessage message) {
        notifications.send(message);
    }

    /** {@code receiver} hears the messages of each notification from another server, on the listening thread. */
    void onMessages(Consumer<List<ClusterMessage>> receiver) {
        receivers.add(requireNonNull(receiver, "receiver"));
    }

    /** {@code resync} runs when hints may have been lost (the listening session came back). */
    void onResync(Runnable resync) {
        resyncs.add(requireNonNull(resync, "resync"));
    }

    private void received(List<ClusterMessage> messages) {
        for (Consumer<List<ClusterMessage>> receiver : receivers) {
            receiver.accept(messages);
        }
    }

    private void resync() {
        resyncs.forEach(Runnable::run);
    }

    private void beat() {
        try {
            liveServers = owners.beat();
        } catch (RuntimeException e) {
            log.warn("could not tell the other servers this one is alive: {}", e.toString());
        }
    }

    @PreDestroy
    void close() {
        beats.shutdownNow();
        ownership.shutdown();
        try {
            ownership.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifications.close();
        try {
            owners.leave();
        } catch (RuntimeException e) {
            log.warn("could not tell the other servers this one leaves: {}", e.toString());
        }
    }
}
