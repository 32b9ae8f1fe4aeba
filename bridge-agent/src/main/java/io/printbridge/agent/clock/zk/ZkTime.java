package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * The clock's two time encodings. The packed one (records, {@code CMD_GET_TIME}) counts seconds
 * in a calendar of 31-day months and 12-month years from 2000; the six-byte one (live events) is
 * year-2000, month, day, hour, minute, second, one byte each. Both know no zone and no year
 * outside 2000 to 2099 (the packed one's year is the year modulo 100).
 */
public final class ZkTime {

    private ZkTime() {}

    public static long encode(LocalDateTime time) {
        requireYear(time);
        long days = ((time.getYear() % 100) * 12L * 31) + ((time.getMonthValue() - 1) * 31L) + time.getDayOfMonth() - 1;
        return days * 86_400L + (time.getHour() * 60L + time.getMinute()) * 60L + time.getSecond();
    }

    public static LocalDateTime decode(long packed) throws ZkFormatException {
        if (packed < 0 || packed > 0xFFFF_FFFFL) {
            throw new ZkFormatException("packed time " + packed + " (expected: an unsigned 32-bit number)");
        }
        long t = packed;
        int second = (int) (t % 60);
        t /= 60;
        int minute = (int) (t % 60);
        t /= 60;
        int hour = (int) (t % 24);
        t /= 24;
        int day = (int) (t % 31) + 1;
        t /= 31;
        int month = (int) (t % 12) + 1;
        t /= 12;
        int year = (int) t + 2000;
        return of(year, month, day, hour, minute, second, "packed time " + packed);
    }

    public static byte[] encodeSixBytes(LocalDateTime time) {
        requireYear(time);
        return new byte[] {
            (byte) (time.getYear() - 2000),
            (byte) time.getMonthValue(),
            (byte) time.getDayOfMonth(),
            (byte) time.getHour(),
            (byte) time.getMinute(),
            (byte) time.getSecond()
        };
    }

    public static LocalDateTime decodeSixBytes(byte[] bytes, int offset) throws ZkFormatException {
        int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
            v[i] = bytes[offset + i] & 0xFF;
        }
        return of(2000 + v[0], v[1], v[2], v[3], v[4], v[5], "event time " + v[0] + "/" + v[1] + "/" + v[2]);
    }

    private static LocalDateTime of(int year, int month, int day, int hour, int minute, int second, String what)
            throws ZkFormatException {
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            throw new ZkFormatException(what + " is no date: " + e.getMessage() + " (expected: a valid date)");
        }
    }

    private static void requireYear(LocalDateTime time) {
        requireNonNull(time, "time");
        if (time.getYear() < 2000 || time.getYear() > 2099) {
            throw new IllegalArgumentException("time: " + time + " (expected: a year from 2000 to 2099)");
        }
    }
}
