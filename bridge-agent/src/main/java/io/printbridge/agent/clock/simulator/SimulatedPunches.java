package io.printbridge.agent.clock.simulator;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Users and punches made up from a seed, the same for the same seed: for tests, demos and the
 * command line. The ids are numbers and the names short, so every layout carries them.
 */
public final class SimulatedPunches {

    /** The first punch's time; later ones follow 1 to 120 seconds apart. */
    public static final LocalDateTime START = LocalDateTime.of(2024, 1, 2, 7, 0, 0);

    private static final int[] VERIFY_METHODS = {0, 1, 4, 15};

    private SimulatedPunches() {}

    /** Users in slots 1 to {@code count}, user ids from 1001, names "E1001"... */
    public static List<ClockUser> users(int count) {
        List<ClockUser> users = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String userId = Integer.toString(1000 + i);
            users.add(new ClockUser(i, userId, "E" + userId, i == 1 ? ClockUser.ADMIN : ClockUser.USER, "", 0));
        }
        return users;
    }

    /** {@code count} punches by the given users, in time order, status 0 or 1, work code 0. */
    public static List<ClockRecord> records(int count, long seed, List<ClockUser> users) {
        requireNonNull(users, "users");
        if (users.isEmpty()) {
            throw new IllegalArgumentException("users: none (expected: at least one)");
        }
        Random random = new Random(seed);
        List<ClockRecord> records = new ArrayList<>(count);
        LocalDateTime time = START;
        for (int i = 0; i < count; i++) {
            time = time.plusSeconds(1 + random.nextInt(120));
            ClockUser user = users.get(random.nextInt(users.size()));
            int verify = VERIFY_METHODS[random.nextInt(VERIFY_METHODS.length)];
            records.add(new ClockRecord(user.userId(), time, random.nextInt(2), 0, verify));
        }
        return records;
    }

    /** One record as a line: "userId,localTime,status,punchType,verifyMethod". */
    public static String line(ClockRecord record) {
        return record.userId() + "," + record.localTime() + "," + record.status() + "," + record.punchType() + ","
                + record.verifyMethod();
    }

    /** SHA-256 (hex) of the records' {@link #line lines}, each ended by "\n": to compare what another client read. */
    public static String digest(List<ClockRecord> records) {
        return digest(records, SimulatedPunches::line);
    }

    /**
     * SHA-256 (hex) of one {@code line} per record, each ended by "\n": for a client that reads
     * fewer of a record's fields than {@link #line} holds.
     */
    public static String digest(List<ClockRecord> records, Function<ClockRecord, String> line) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ClockRecord record : records) {
                sha.update((line.apply(record) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
