package io.printbridge.server.attendance;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A punch as the server keeps it and the ERP reads it.
 *
 * @param id grows with every punch the server stores: the order of the reading cursor
 * @param punchedAt the clock's local time in its zone
 * @param localTime the clock's local time as read, ISO-8601 without zone
 */
@Schema(name = "Punch", description = "An attendance punch, stored once.")
public record StoredPunch(
        long id,
        String store,
        String clock,
        String clockSerial,
        String employeeId,
        String employeeName,
        Instant punchedAt,
        String localTime,
        String timeZone,
        int status,
        int punchType,
        int verifyMethod,
        String source,
        Instant receivedAt) {}
