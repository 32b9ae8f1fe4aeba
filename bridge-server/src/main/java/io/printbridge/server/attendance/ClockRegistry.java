package io.printbridge.server.attendance;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.transaction.TransactionOperations;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.Clock;
import io.printbridge.proto.v1.ClockInfo;
import io.printbridge.proto.v1.ClockState;
import io.printbridge.proto.v1.ClockStatus;
import io.printbridge.proto.v1.ClockStatusChanged;
import io.printbridge.proto.v1.ClockTransport;
import io.printbridge.server.cluster.Cluster;
import io.printbridge.server.cluster.ClusterMessage;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores' clocks: what each agent configured (its Hello) and what each clock last said (its
 * status, every minute or so, with its time). Tells {@code clock.status} when a clock's state
 * changes and {@code clock.drift} when its time goes more than {@link #DRIFT_LIMIT} from the
 * server's or comes back within it, once per crossing.
 *
 * <p>Called on the streams' threads: the calls only note what changed, and one thread of its own
 * writes the table, the latest report of each clock replacing an older one not yet written, so a
 * chatty agent costs a map entry, not a write per message.
 */
@Singleton
public final class ClockRegistry {

    private static final Logger log = LoggerFactory.getLogger(ClockRegistry.class);
    static final Duration DRIFT_LIMIT = Duration.ofMinutes(1);

    private static final String COLUMNS = "store_id, name, address, transport, time_zone, state, detail, info,"
            + " last_contact, drift_seconds, configured, updated_at";

    private final TransactionOperations<Connection> transactions;
    private final BridgeEvents events;
    private final List<AttendanceDeliveries> outboxes;
    private final ObjectMapper json;
    private final Cluster cluster;
    /** Reports not written yet, by store and clock name; the newest wins. */
    private final Map<String, ClockRecord> pending = new LinkedHashMap<>();
    /** The stores whose configured clocks changed, with the names they have now. */
    private final Map<String, List<String>> configured = new LinkedHashMap<>();

    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "clock-records");
        t.setDaemon(true);
        return t;
    });
    /** The newest report of each clock, written or not: what the next report updates. */
    private final Map<String, ClockRecord> latest = new java.util.concurrent.ConcurrentHashMap<>();
    /** What was last written or read of each clock: the state and drift the events compare with. */
    private final Map<String, ClockRecord> known = new java.util.concurrent.ConcurrentHashMap<>();

    ClockRegistry(
            TransactionOperations<Connection> transactions,
            BridgeEvents events,
            List<AttendanceDeliveries> outboxes,
            ObjectMapper json,
            Cluster cluster) {
        this.transactions = requireNonNull(transactions, "transactions");
        this.events = requireNonNull(events, "events");
        this.outboxes = List.copyOf(outboxes);
        this.json = requireNonNull(json, "json");
        this.cluster = requireNonNull(cluster, "cluster");
        for (ClockRecord clock : readAll(null)) {
            known.put(key(clock.storeId(), clock.name()), clock);
            latest.put(key(clock.storeId(), clock.name()), clock);
        }
    }

    /** The store's agent said Hello with these clocks (revision 4; none for an older agent). */
    public void hello(String storeId, List<Clock> clocks, Instant now) {
        List<String> names = new ArrayList<>();
        synchronized (this) {
            for (Clock clock : clocks) {
                names.add(clock.getName());
                ClockRecord record =
                        record(latest.get(key(storeId, clock.getName())), storeId, clock, clock.getStatus(), now);
                pending.put(key(storeId, clock.getName()), record);
                latest.put(key(storeId, clock.getName()), record);
            }
            configured.put(storeId, names);
        }
        writer.execute(this::flush);
    }

    /** A clock's status as its agent reported it. */
    public void statusChanged(String storeId, ClockStatusChanged change, Instant now) {
        synchronized (this) {
            String key = key(storeId, change.getClock());
            ClockRecord before = latest.get(key);
            if (before == null) {
                // A status for a clock the Hello did not list: an agent out of step; its next Hello says.
                log.debug("store {}: status of clock {} not in its Hello; ignored", storeId, change.getClock());
                return;
            }
            ClockRecord after = updated(before, change.getStatus(), now);
            pending.put(key, after);
            latest.put(key, after);
        }
        writer.execute(this::flush);
    }

    /** The store's clocks as the API and the dashboard show them, configured ones first, in name order. */
    public List<ClockView> views(String storeId) {
        return readAll(storeId).stream().map(ClockView::of).toList();
    }

    /** Writes what is pending, then tells what changed. */
    private void flush() {
        Map<String, ClockRecord> reports;
        Map<String, List<String>> stores;
        synchronized (this) {
            reports = new LinkedHashMap<>(pending);
            stores = new LinkedHashMap<>(configured);
            pending.clear();
            configured.clear();
        }
        if (reports.isEmpty() && stores.isEmpty()) {
            return;
        }
        List<ClockChangedView> changes = new ArrayList<>();
        try {
            transactions.executeWrite(status -> {
                Connection connection = status.getConnection();
                for (ClockRecord clock : reports.values()) {
                    upsert(connection, clock);
                    ClockChangedView change = change(known.get(key(clock.storeId(), clock.name())), clock);
                    if (change != null) {
                        changes.add(change);
                        DeliveryRows.record(
                                connection,
                                outboxes,
                                clock.storeId(),
                                change.event(),
                                write(change),
                                clock.updatedAt());
                    }
                }
                for (Map.Entry<String, List<String>> store : stores.entrySet()) {
                    unconfigureOthers(connection, store.getKey(), store.getValue());
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("clock records not written ({}); the next report of each clock writes it", e.toString());
            return;
        }
        for (ClockRecord clock : reports.values()) {
            known.put(key(clock.storeId(), clock.name()), clock);
        }
        publish(changes);
        // The other servers' live events show them too, and their view of these clocks is kept up
        // for the day the store's stream moves to one of them (changedElsewhere).
        changes.stream()
                .map(ClockChangedView::store)
                .distinct()
                .forEach(storeId -> cluster.send(new ClusterMessage.ClocksChanged(storeId)));
    }

    /**
     * Another server wrote what {@code storeId}'s clocks said: the changes it saw are published
     * here too, by comparing the table with what this server knew of each clock. A clock with a
     * report not written yet here is left alone (this server holds the stream again: its own
     * report is the newer).
     */
    public void changedElsewhere(String storeId) {
        List<ClockChangedView> changes = new ArrayList<>();
        List<ClockRecord> written = readAll(storeId);
        synchronized (this) {
            for (ClockRecord clock : written) {
                String key = key(storeId, clock.name());
                if (pending.containsKey(key)) {
                    continue;
                }
                ClockChangedView change = change(known.get(key), clock);
                if (change != null) {
                    changes.add(change);
                }
                known.put(key, clock);
                latest.put(key, clock);
            }
        }
        publish(changes);
    }

    private void publish(List<ClockChangedView> changes) {
        for (ClockChangedView change : changes) {
            events.publish(new BridgeEvent.ClockChanged(
                    change.store(),
                    change.clock(),
                    change.event(),
                    change.state(),
                    change.detail(),
                    change.driftSeconds(),
                    change.at()));
        }
    }

    /** The event {@code after} makes, compared with {@code before}: a new state, or a drift crossing the limit. */
    static @Nullable ClockChangedView change(@Nullable ClockRecord before, ClockRecord after) {
        boolean stateChanged = before == null || !before.state().equals(after.state());
        if (stateChanged && !(before == null && after.state().equals("UNKNOWN"))) {
            return view(ClockChangedView.STATUS, after);
        }
        boolean driftedBefore = before != null && drifted(before.driftSeconds());
        if (drifted(after.driftSeconds()) != driftedBefore && after.driftSeconds() != null) {
            return view(ClockChangedView.DRIFT, after);
        }
        return null;
    }

    private static boolean drifted(@Nullable Long seconds) {
        return seconds != null && Math.abs(seconds) > DRIFT_LIMIT.toSeconds();
    }

    private static ClockChangedView view(String event, ClockRecord clock) {
        return new ClockChangedView(
                event,
                clock.storeId(),
                clock.name(),
                clock.state(),
                clock.detail(),
                clock.driftSeconds(),
                clock.updatedAt());
    }

    /**
     * The clock as a Hello lists it: its configuration from the Hello, what it last said from
     * {@code previous} unless the Hello's status says otherwise (an agent that has not reached the
     * clock yet sends no state: the clock is not taken for away on every agent restart).
     */
    private static ClockRecord record(
            @Nullable ClockRecord previous, String storeId, Clock clock, ClockStatus status, Instant now) {
        ClockRecord base = new ClockRecord(
                storeId,
                clock.getName(),
                clock.getAddress(),
                clock.getTransport() == ClockTransport.CLOCK_TRANSPORT_UDP ? "udp" : "tcp",
                zoneOrDefault(clock.getTimeZone()).getId(),
                previous == null ? "UNKNOWN" : previous.state(),
                previous == null ? "" : previous.detail(),
                previous == null ? null : previous.info(),
                previous == null ? null : previous.lastContact(),
                previous == null ? null : previous.driftSeconds(),
                true,
                now);
        return status.getState() == ClockState.CLOCK_STATE_UNSPECIFIED ? base : updated(base, status, now);
    }

    /** {@code before} with what {@code status} says. */
    static ClockRecord updated(ClockRecord before, ClockStatus status, Instant now) {
        ClockInfo info = status.hasInfo() ? status.getInfo() : before.info();
        boolean online = status.getState() == ClockState.CLOCK_STATE_ONLINE;
        Long drift = before.driftSeconds();
        if (online && status.hasInfo()) {
            drift = drift(status.getInfo(), zoneOrDefault(before.timeZone()));
        }
        return new ClockRecord(
                before.storeId(),
                before.name(),
                before.address(),
                before.transport(),
                before.timeZone(),
                state(status.getState()),
                status.getDetail(),
                info,
                online ? now : before.lastContact(),
                drift,
                before.configured(),
                now);
    }

    /** The clock's time minus the server's when it was read; null when the info does not say. */
    static @Nullable Long drift(ClockInfo info, ZoneId zone) {
        if (info.getClockTime().isEmpty() || !info.hasReadAt()) {
            return null;
        }
        try {
            Instant clockTime =
                    LocalDateTime.parse(info.getClockTime()).atZone(zone).toInstant();
            return Duration.between(ProtoTimestamps.toJava(info.getReadAt()), clockTime)
                    .toSeconds();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String state(ClockState state) {
        return switch (state) {
            case CLOCK_STATE_ONLINE -> "ONLINE";
            case CLOCK_STATE_OFFLINE -> "OFFLINE";
            case CLOCK_STATE_AUTH_REFUSED -> "AUTH_REFUSED";
            case CLOCK_STATE_PROTOCOL_ERROR -> "PROTOCOL_ERROR";
            default -> "UNKNOWN";
        };
    }

    private static ZoneId zoneOrDefault(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneId.of("Africa/Algiers");
        }
    }

    private static String key(String storeId, String clock) {
        return storeId + "/" + clock;
    }

    private static void upsert(Connection connection, ClockRecord clock) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE clocks SET address = ?, transport = ?,"
                + " time_zone = ?, state = ?, detail = ?, info = ?, last_contact = ?, drift_seconds = ?,"
                + " configured = ?, updated_at = ? WHERE store_id = ? AND name = ?")) {
            bind(update, 1, clock);
            update.setString(11, clock.storeId());
            update.setString(12, clock.name());
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO clocks (address, transport,"
                + " time_zone, state, detail, info, last_contact, drift_seconds, configured, updated_at, store_id, name)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(insert, 1, clock);
            insert.setString(11, clock.storeId());
            insert.setString(12, clock.name());
            insert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, int first, ClockRecord clock) throws SQLException {
        s.setString(first, clock.address());
        s.setString(first + 1, clock.transport());
        s.setString(first + 2, clock.timeZone());
        s.setString(first + 3, clock.state());
        s.setString(first + 4, clock.detail().length() > 1000 ? clock.detail().substring(0, 1000) : clock.detail());
        s.setBytes(first + 5, clock.info() == null ? null : clock.info().toByteArray());
        s.setObject(
                first + 6,
                clock.lastContact() == null ? null : clock.lastContact().atOffset(ZoneOffset.UTC));
        if (clock.driftSeconds() == null) {
            s.setNull(first + 7, java.sql.Types.BIGINT);
        } else {
            s.setLong(first + 7, clock.driftSeconds());
        }
        s.setBoolean(first + 8, clock.configured());
        s.setObject(first + 9, clock.updatedAt().atOffset(ZoneOffset.UTC));
    }

    /** Clocks the store's agent no longer lists stay, marked so: their punches are still the store's. */
    private static void unconfigureOthers(Connection connection, String storeId, List<String> names)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT name FROM clocks WHERE store_id = ?")) {
            select.setString(1, storeId);
            List<String> gone = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (!names.contains(rows.getString(1))) {
                        gone.add(rows.getString(1));
                    }
                }
            }
            for (String name : gone) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE clocks SET configured = FALSE WHERE store_id = ? AND name = ?")) {
                    update.setString(1, storeId);
                    update.setString(2, name);
                    update.executeUpdate();
                }
            }
        }
    }

    private List<ClockRecord> readAll(@Nullable String storeId) {
        String sql = "SELECT " + COLUMNS + " FROM clocks" + (storeId == null ? "" : " WHERE store_id = ?")
                + " ORDER BY store_id, configured DESC, name";
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(sql)) {
                if (storeId != null) {
                    select.setString(1, storeId);
                }
                List<ClockRecord> clocks = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        clocks.add(row(rows));
                    }
                }
                return clocks;
            }
        });
    }

    private static ClockRecord row(ResultSet rows) throws SQLException {
        byte[] info = rows.getBytes("info");
        OffsetDateTime contact = rows.getObject("last_contact", OffsetDateTime.class);
        long drift = rows.getLong("drift_seconds");
        boolean noDrift = rows.wasNull();
        try {
            return new ClockRecord(
                    rows.getString("store_id"),
                    rows.getString("name"),
                    rows.getString("address"),
                    rows.getString("transport"),
                    rows.getString("time_zone"),
                    rows.getString("state"),
                    rows.getString("detail"),
                    info == null ? null : ClockInfo.parseFrom(info),
                    contact == null ? null : contact.toInstant(),
                    noDrift ? null : drift,
                    rows.getBoolean("configured"),
                    rows.getObject("updated_at", OffsetDateTime.class).toInstant());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("clocks.info is not a ClockInfo: " + e.getMessage(), e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @PreDestroy
    void close() {
        writer.execute(this::flush);
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
