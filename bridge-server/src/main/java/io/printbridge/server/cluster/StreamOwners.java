package io.printbridge.server.cluster;

import static java.util.Objects.requireNonNull;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code stream_owners} and {@code cluster_servers} tables (PostgreSQL only: upserts with
 * RETURNING, the database's clock). Every call is one short transaction; callers run them off the
 * network threads.
 */
final class StreamOwners {

    private final TransactionOperations<Connection> transactions;
    private final String serverId;
    /** A server silent this long is dead: the streams it held are gone. */
    private final double deadAfterSeconds;

    StreamOwners(TransactionOperations<Connection> transactions, String serverId, Duration deadAfter) {
        this.transactions = requireNonNull(transactions, "transactions");
        this.serverId = requireNonNull(serverId, "serverId");
        this.deadAfterSeconds = deadAfter.toMillis() / 1000.0;
    }

    /** Makes this server the holder of {@code storeId}'s stream under a new, higher epoch. */
    Cluster.Claim claim(String storeId) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("WITH before AS (SELECT last_server FROM stream_owners WHERE store_id = ?)"
                            + " INSERT INTO stream_owners (store_id, server_id, last_server, epoch, since)"
                            + " VALUES (?, ?, ?, 1, now())"
                            + " ON CONFLICT (store_id) DO UPDATE SET server_id = EXCLUDED.server_id,"
                            + " last_server = EXCLUDED.last_server, epoch = stream_owners.epoch + 1,"
                            + " since = EXCLUDED.since"
                            + " RETURNING epoch, (SELECT last_server FROM before)")) {
                s.setString(1, storeId);
                s.setString(2, storeId);
                s.setString(3, serverId);
                s.setString(4, serverId);
                try (ResultSet row = s.executeQuery()) {
                    row.next();
                    String previous = row.getString(2);
                    return new Cluster.Claim(row.getLong(1), previous != null && !previous.equals(serverId));
                }
            }
        });
    }

    /** The stream of {@code storeId} under {@code epoch} is over: the store has no holder, unless claimed since. */
    void release(String storeId, long epoch) {
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("UPDATE stream_owners SET server_id = NULL"
                            + " WHERE store_id = ? AND server_id = ? AND epoch = ?")) {
                s.setString(1, storeId);
                s.setString(2, serverId);
                s.setLong(3, epoch);
                return s.executeUpdate();
            }
        });
    }

    /** How many stores this server holds according to the database. */
    int heldCount() {
        return transactions.executeRead(status -> {
            try (PreparedStatement s =
                    status.getConnection().prepareStatement("SELECT COUNT(*) FROM stream_owners WHERE server_id = ?")) {
                s.setString(1, serverId);
                try (ResultSet row = s.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    /** Each store this server holds according to the database, with its epoch. */
    Map<String, Long> held() {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT store_id, epoch FROM stream_owners WHERE server_id = ?")) {
                s.setString(1, serverId);
                Map<String, Long> held = new HashMap<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        held.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return held;
            }
        });
    }

    /** Who holds {@code storeId}'s stream now and under which epoch; an empty holder: nobody. */
    record Holder(String serverId, long epoch) {}

    Holder holder(String storeId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT server_id, epoch FROM stream_owners WHERE store_id = ?")) {
                s.setString(1, storeId);
                try (ResultSet row = s.executeQuery()) {
                    if (!row.next()) {
                        return new Holder("", 0);
                    }
                    String server = row.getString(1);
                    return new Holder(server == null ? "" : server, row.getLong(2));
                }
            }
        });
    }

    /**
     * Says this server is alive (registering it at the first beat), and returns how many servers
     * are alive now, this one counted.
     */
    int beat() {
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO cluster_servers (server_id,"
                    + " started_at, last_beat) VALUES (?, now(), now())"
                    + " ON CONFLICT (server_id) DO UPDATE SET last_beat = now()")) {
                s.setString(1, serverId);
                s.executeUpdate();
            }
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT count(*) FROM cluster_servers WHERE last_beat >= now() - make_interval(secs => ?)")) {
                s.setDouble(1, deadAfterSeconds);
                try (ResultSet row = s.executeQuery()) {
                    row.next();
                    return Math.max(1, row.getInt(1));
                }
            }
        });
    }

    /** Stores whose stream a dead server held: nobody holds them really. */
    Set<String> heldByDeadServers() {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT o.store_id FROM stream_owners o"
                            + " LEFT JOIN cluster_servers c ON c.server_id = o.server_id"
                            + " WHERE o.server_id IS NOT NULL AND o.server_id <> ?"
                            + " AND (c.server_id IS NULL OR c.last_beat < now() - make_interval(secs => ?))")) {
                s.setString(1, serverId);
                s.setDouble(2, deadAfterSeconds);
                return storeIds(s);
            }
        });
    }

    /** Stores whose streams other live servers hold now. */
    Set<String> heldByOtherLiveServers() {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT o.store_id FROM stream_owners o"
                            + " JOIN cluster_servers c ON c.server_id = o.server_id"
                            + " WHERE o.server_id <> ? AND c.last_beat >= now() - make_interval(secs => ?)")) {
                s.setString(1, serverId);
                s.setDouble(2, deadAfterSeconds);
                return storeIds(s);
            }
        });
    }

    /** Whether another live server holds {@code storeId}'s stream now. */
    boolean heldElsewhere(String storeId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement(
                            "SELECT 1 FROM stream_owners o JOIN cluster_servers c ON c.server_id = o.server_id"
                                    + " WHERE o.store_id = ? AND o.server_id <> ?"
                                    + " AND c.last_beat >= now() - make_interval(secs => ?)")) {
                s.setString(1, storeId);
                s.setString(2, serverId);
                s.setDouble(3, deadAfterSeconds);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** This server stops: it holds nothing any more and leaves the cluster. */
    void leave() {
        transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            try (PreparedStatement s =
                    connection.prepareStatement("UPDATE stream_owners SET server_id = NULL WHERE server_id = ?")) {
                s.setString(1, serverId);
                s.executeUpdate();
            }
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM cluster_servers WHERE server_id = ?")) {
                s.setString(1, serverId);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The first column of every row {@code query} returns: store ids. */
    private static Set<String> storeIds(PreparedStatement query) throws SQLException {
        Set<String> stores = new HashSet<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                stores.add(rows.getString(1));
            }
        }
        return stores;
    }
}
