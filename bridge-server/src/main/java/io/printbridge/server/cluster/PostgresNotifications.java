package io.printbridge.server.cluster;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hints between servers over PostgreSQL's LISTEN/NOTIFY, on two connections of their own (outside
 * the pool: a listening session must live as long as the server, and a pool would recycle it).
 * One thread sends: every message waiting is packed into as few NOTIFYs as fit. One thread
 * listens and hands the messages of each notification from another server to {@code receiver}.
 *
 * <p>Notifications are lost while a connection is down; the listener says so by calling
 * {@code resync} once it listens again, so the sweep looks at once for what was missed.
 */
final class PostgresNotifications implements AutoCloseable {

    /** PostgreSQL refuses payloads of 8000 bytes or more. */
    private static final int MAX_PAYLOAD_BYTES = 7900;
    /** Messages waiting to be sent at most; past that the oldest hints are dropped (the sweep covers them). */
    private static final int MAX_WAITING = 100_000;

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);

    private final String url;
    private final String user;
    private final String password;
    private final String serverId;
    /** The channel of this cluster: one per schema, since NOTIFY reaches the whole database. */
    private final String channel;

    private final Consumer<List<ClusterMessage>> receiver;
    private final Runnable resync;
    private final BlockingQueue<ClusterMessage> outgoing = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Thread sender;
    private final Thread listener;
    private volatile boolean closed;
    private volatile boolean listening;

    PostgresNotifications(
            String url,
            String user,
            String password,
            String serverId,
            String channel,
            Consumer<List<ClusterMessage>> receiver,
            Runnable resync) {
        this.url = requireNonNull(url, "url");
        this.user = requireNonNull(user, "user");
        this.password = requireNonNull(password, "password");
        this.serverId = requireNonNull(serverId, "serverId");
        if (!channel.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("channel: \"" + channel + "\" (expected: 1 to 63 of a-z, 0-9, _)");
        }
        this.channel = channel;
        this.receiver = requireNonNull(receiver, "receiver");
        this.resync = requireNonNull(resync, "resync");
        this.sender = new Thread(this::sendLoop, "cluster-notify");
        this.listener = new Thread(this::listenLoop, "cluster-listen");
        sender.setDaemon(true);
        listener.setDaemon(true);
    }

    void start() {
        sender.start();
        listener.start();
    }

    /** Whether the listening session is up (a test waits for it before counting on hints). */
    boolean listening() {
        return listening;
    }

    void send(ClusterMessage message) {
        if (!outgoing.offer(message)) {
            outgoing.poll();
            outgoing.offer(message);
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        connection.setAutoCommit(true);
        return connection;
    }

    private void sendLoop() {
        @Nullable Connection connection = null;
        List<ClusterMessage> batch = new ArrayList<>();
        while (!closed) {
            try {
                ClusterMessage first = outgoing.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                outgoing.drainTo(batch);
                if (connection == null) {
                    connection = connect();
                }
                try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                    for (String payload : ClusterMessage.payloads(serverId, batch, MAX_PAYLOAD_BYTES)) {
                        notify.setString(1, channel);
                        notify.setString(2, payload);
                        notify.addBatch();
                    }
                    notify.executeBatch();
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                // Hints only: what they said the sweep finds in the database. Not retried, so an
                // outage does not pile them up.
                log.warn("{} cluster hint(s) not sent: {}", batch.size(), e.toString());
                batch.clear();
                closeQuietly(connection);
                connection = null;
                pause(1000);
            }
        }
        closeQuietly(connection);
    }

    private void listenLoop() {
        boolean first = true;
        while (!closed) {
            try (Connection connection = connect()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + channel);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                if (!first) {
                    log.info("listening to the other servers again; looking for what was missed meanwhile");
                    resync.run();
                }
                first = false;
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        received(notification.getParameter());
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (!closed) {
                    log.warn("not listening to the other servers ({}); trying again in 1 s", e.toString());
                    first = false;
                    pause(1000);
                }
            } catch (RuntimeException e) {
                log.warn("a cluster hint could not be handled: {}", e.toString());
            }
        }
        listening = false;
    }

    private void received(String payload) {
        int firstLine = payload.indexOf('\n');
        if (firstLine < 0 || payload.substring(0, firstLine).equals(serverId)) {
            return; // this server's own hints
        }
        List<ClusterMessage> messages = new ArrayList<>();
        for (String line : payload.substring(firstLine + 1).split("\n")) {
            ClusterMessage message = ClusterMessage.decode(line);
            if (message != null) {
                messages.add(message);
            }
        }
        if (!messages.isEmpty()) {
            receiver.accept(messages);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a broken connection
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        try {
            sender.join(2000);
            listener.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
