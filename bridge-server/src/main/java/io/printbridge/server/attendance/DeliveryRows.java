package io.printbridge.server.attendance;

import io.printbridge.server.ids.TimeOrderedIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Writes attendance's webhook messages inside the caller's transaction. */
final class DeliveryRows {

    private DeliveryRows() {}

    /** Records what every outbox wants sent of {@code event}; the subject id ties the attempts of one message. */
    static void record(
            Connection connection,
            List<AttendanceDeliveries> outboxes,
            String storeId,
            String event,
            String body,
            Instant now)
            throws SQLException {
        if (outboxes.isEmpty()) {
            return;
        }
        String subject = TimeOrderedIds.next();
        try (PreparedStatement insert = connection.prepareStatement(AttendanceDeliveries.INSERT)) {
            int count = 0;
            for (AttendanceDeliveries outbox : outboxes) {
                for (AttendanceDeliveries.Delivery d : outbox.deliveriesFor(storeId, event, body)) {
                    insert.setString(1, d.id());
                    insert.setString(2, d.webhook());
                    insert.setString(3, d.event());
                    insert.setString(4, subject);
                    insert.setString(5, storeId);
                    insert.setString(6, d.body());
                    insert.setObject(7, now.atOffset(ZoneOffset.UTC));
                    insert.setObject(8, now.atOffset(ZoneOffset.UTC));
                    insert.setObject(9, now.atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                    count++;
                }
            }
            if (count > 0) {
                insert.executeBatch();
            }
        }
    }
}
