package io.printbridge.server.attendance;

import io.printbridge.proto.v1.AttendanceBatch;
import io.printbridge.proto.v1.Punch;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Holds a batch from an agent to what the server stores, before anything is: a batch with one bad
 * punch is refused whole, naming it, so nothing is half stored.
 */
final class PunchCheck {

    static final int MAX_PUNCHES = 500;
    static final int MAX_NAME_CHARS = 100;
    private static final Pattern CLOCK_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern SERIAL = Pattern.compile("[\\x21-\\x7e]{1,64}");
    private static final Pattern USER_ID = Pattern.compile("[\\x21-\\x7e]{1,24}");

    /** A punch ready to store. */
    record Checked(Punch punch, LocalDateTime localTime) {}

    private PunchCheck() {}

    static ZoneId zone(AttendanceBatch batch) {
        try {
            return ZoneId.of(batch.getTimeZone());
        } catch (DateTimeException e) {
            throw refused("time_zone", batch.getTimeZone(), "an IANA time zone such as Africa/Algiers");
        }
    }

    static List<Checked> check(AttendanceBatch batch) {
        if (!BATCH_ID.matcher(batch.getBatchId()).matches()) {
            throw refused("batch_id", batch.getBatchId(), "1 to 64 letters, digits, '.', '-' or '_'");
        }
        if (!CLOCK_NAME.matcher(batch.getClock()).matches()) {
            throw refused("clock", batch.getClock(), "1 to 64 letters, digits, '-' or '_'");
        }
        if (!SERIAL.matcher(batch.getClockSerial()).matches()) {
            throw refused("clock_serial", batch.getClockSerial(), "1 to 64 printable ASCII characters");
        }
        zone(batch);
        if (batch.getPunchesCount() == 0 || batch.getPunchesCount() > MAX_PUNCHES) {
            throw new AttendanceRefusedException(
                    "punches: " + batch.getPunchesCount() + " (expected: 1 to " + MAX_PUNCHES + " per batch)");
        }
        List<Checked> checked = new ArrayList<>(batch.getPunchesCount());
        for (int i = 0; i < batch.getPunchesCount(); i++) {
            Punch punch = batch.getPunches(i);
            String field = "punches[" + i + "].";
            if (!USER_ID.matcher(punch.getUserId()).matches()) {
                throw refused(field + "user_id", punch.getUserId(), "1 to 24 printable ASCII characters");
            }
            LocalDateTime time;
            try {
                time = LocalDateTime.parse(punch.getLocalTime());
            } catch (DateTimeParseException e) {
                throw refused(
                        field + "local_time", punch.getLocalTime(), "an ISO local date-time like 2026-12-05T08:01:02");
            }
            if (time.getYear() < 2000 || time.getYear() > 2099) {
                throw refused(field + "local_time", punch.getLocalTime(), "a time from 2000 to 2099, as a clock keeps");
            }
            byteSized(field + "status", punch.getStatus());
            byteSized(field + "punch_type", punch.getPunchType());
            byteSized(field + "verify_method", punch.getVerifyMethod());
            String name = punch.getEmployeeName().strip();
            // A name is for people: cut, not refused.
            Punch kept = punch.toBuilder()
                    .setEmployeeName(name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS) : name)
                    .build();
            checked.add(new Checked(kept, time.withNano(0)));
        }
        return checked;
    }

    private static void byteSized(String field, int value) {
        if (value < 0 || value > 255) {
            throw new AttendanceRefusedException(
                    field + ": " + Integer.toUnsignedString(value) + " (expected: 0 to 255)");
        }
    }

    private static AttendanceRefusedException refused(String field, String value, String expected) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return new AttendanceRefusedException(field + ": \"" + shown + "\" (expected: " + expected + ")");
    }
}
