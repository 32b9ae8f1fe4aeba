package io.printbridge.server.attendance;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import io.printbridge.proto.v1.AttendanceBatch;
import io.printbridge.proto.v1.AttendanceSource;
import io.printbridge.proto.v1.Punch;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code punches} table. A batch goes in one transaction, each punch once: a punch the table
 * already holds (the same key from a batch sent again, or a live punch read again from the log)
 * is skipped by the unique key, not an error.
 */
@Singleton
public final class PunchStore {

    private static final String INSERT = "INSERT INTO punches (store_id, clock_name, clock_serial, user_id,"
            + " employee_name, local_time, time_zone, punched_at, status, punch_type, verify_method, source,"
            + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String SELECT = "SELECT id, store_id, clock_name, clock_serial, user_id, employee_name,"
            + " local_time, time_zone, punched_at, status, punch_type, verify_method, source, received_at FROM punches";

    /** The clock's local time as the API shows it, always with seconds. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final TransactionOperations<Connection> transactions;
    private final List<AttendanceDeliveries> outboxes;
    private final ObjectMapper json;

    PunchStore(TransactionOperations<Connection> transactions, List<AttendanceDeliveries> outboxes, ObjectMapper json) {
        this.transactions = requireNonNull(transactions, "transactions");
        this.outboxes = List.copyOf(outboxes);
        this.json = requireNonNull(json, "json");
    }

    /** What a batch left in the table: the punches new to it, with their ids, and how many it held already. */
    record Stored(List<StoredPunch> fresh, int duplicates) {}

    /** Stores the checked punches of {@code batch}, committed when this returns. */
    Stored store(String storeId, AttendanceBatch batch, List<PunchCheck.Checked> punches, Instant now) {
        ZoneId zone = PunchCheck.zone(batch);
        String source = batch.getSource() == AttendanceSource.ATTENDANCE_SOURCE_LIVE ? "LIVE" : "LOG";
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            List<PunchCheck.Checked> inserted = new ArrayList<>();
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (PunchCheck.Checked checked : punches) {
                    Punch punch = checked.punch();
                    insert.setString(1, storeId);
                    insert.setString(2, batch.getClock());
                    insert.setString(3, batch.getClockSerial());
                    insert.setString(4, punch.getUserId());
                    insert.setString(5, punch.getEmployeeName());
                    insert.setTimestamp(6, Timestamp.valueOf(checked.localTime()));
                    insert.setString(7, zone.getId());
                    insert.setObject(8, checked.localTime().atZone(zone).toOffsetDateTime());
                    insert.setInt(9, punch.getStatus());
                    insert.setInt(10, punch.getPunchType());
                    insert.setInt(11, punch.getVerifyMethod());
                    insert.setString(12, source);
                    insert.setObject(13, now.atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    // 1: inserted; 0: the key was there. A driver that cannot tell (SUCCESS_NO_INFO) is
                    // read back below by key, which finds the punch either way.
                    if (counts[i] != 0) {
                        inserted.add(punches.get(i));
                    }
                }
            }
            List<StoredPunch> fresh = readBack(connection, batch.getClockSerial(), inserted);
            if (!fresh.isEmpty()) {
                DeliveryRows.record(
                        connection,
                        outboxes,
                        storeId,
                        AttendanceRecordedView.EVENT,
                        write(AttendanceRecordedView.of(storeId, batch.getClock(), fresh)),
                        now);
            }
            return new Stored(fresh, punches.size() - fresh.size());
        });
    }

    /** The rows just inserted, by their key, with the ids the table gave them. */
    private static List<StoredPunch> readBack(Connection connection, String serial, List<PunchCheck.Checked> inserted)
            throws SQLException {
        List<StoredPunch> fresh = new ArrayList<>(inserted.size());
        try (PreparedStatement select = connection.prepareStatement(SELECT
                + " WHERE clock_serial = ? AND user_id = ? AND local_time = ? AND status = ? AND punch_type = ?")) {
            for (PunchCheck.Checked checked : inserted) {
                select.setString(1, serial);
                select.setString(2, checked.punch().getUserId());
                select.setTimestamp(3, Timestamp.valueOf(checked.localTime()));
                select.setInt(4, checked.punch().getStatus());
                select.setInt(5, checked.punch().getPunchType());
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        fresh.add(row(rows));
                    }
                }
            }
        }
        return fresh;
    }

    /** What a reader asks for: one store, optionally one clock, one employee, a time range. */
    record Query(
            String storeId,
            @Nullable String clock,
            @Nullable String employeeId,
            @Nullable Instant from,
            @Nullable Instant to,
            long afterId,
            int limit) {}

    /** The punches after {@code query.afterId()} in id order, at most {@code limit}. */
    List<StoredPunch> page(Query query) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE store_id = ? AND id > ?");
        List<Object> values = new ArrayList<>();
        values.add(query.storeId());
        values.add(query.afterId());
        if (query.clock() != null) {
            sql.append(" AND clock_name = ?");
            values.add(query.clock());
        }
        if (query.employeeId() != null) {
            sql.append(" AND user_id = ?");
            values.add(query.employeeId());
        }
        if (query.from() != null) {
            sql.append(" AND punched_at >= ?");
            values.add(query.from().atOffset(ZoneOffset.UTC));
        }
        if (query.to() != null) {
            sql.append(" AND punched_at < ?");
            values.add(query.to().atOffset(ZoneOffset.UTC));
        }
        sql.append(" ORDER BY id LIMIT ").append(query.limit());
        return select(sql.toString(), values);
    }

    /**
     * The store's punches with ids from {@code firstId} to {@code lastId}, in id order: a batch
     * another server stored, read again to show it in this server's live events. A range holds one
     * batch's punches (a store's batches are stored one at a time), at most {@link
     * PunchCheck#MAX_PUNCHES}: no more are read.
     */
    List<StoredPunch> stored(String storeId, long firstId, long lastId) {
        return select(
                SELECT + " WHERE store_id = ? AND id BETWEEN ? AND ? ORDER BY id LIMIT " + PunchCheck.MAX_PUNCHES,
                List.of(storeId, firstId, lastId));
    }

    /** The store's last {@code limit} punches stored, newest first (the dashboard's view). */
    public List<StoredPunch> latest(String storeId, int limit) {
        return select(SELECT + " WHERE store_id = ? ORDER BY id DESC LIMIT " + limit, List.of(storeId));
    }

    /** The punches {@code sql} selects (its columns those of {@link #SELECT}), {@code values} bound in order. */
    private List<StoredPunch> select(String sql, List<?> values) {
        return transactions.executeRead(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                List<StoredPunch> punches = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        punches.add(row(rows));
                    }
                }
                return punches;
            }
        });
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static StoredPunch row(ResultSet rows) throws SQLException {
        return new StoredPunch(
                rows.getLong("id"),
                rows.getString("store_id"),
                rows.getString("clock_name"),
                rows.getString("clock_serial"),
                rows.getString("user_id"),
                rows.getString("employee_name"),
                instant(rows, "punched_at"),
                LOCAL.format(rows.getTimestamp("local_time").toLocalDateTime()),
                rows.getString("time_zone"),
                rows.getInt("status"),
                rows.getInt("punch_type"),
                rows.getInt("verify_method"),
                rows.getString("source"),
                instant(rows, "received_at"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, java.time.OffsetDateTime.class).toInstant();
    }
}
