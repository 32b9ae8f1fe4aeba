package io.printbridge.agent.clock;

import static java.util.Objects.requireNonNull;

/**
 * An employee as the clock holds them.
 *
 * @param uid the clock's internal slot number (1 to 65535); 0 asks the clock's next free slot
 *     when written
 * @param userId the id punches carry (digits, up to 9 characters on most firmware)
 * @param privilege 0 for a user, 14 for an administrator (the clock's own numbers)
 * @param cardNumber the badge number, 0 for none
 */
public record ClockUser(int uid, String userId, String name, int privilege, String password, long cardNumber) {

    public static final int USER = 0;
    public static final int ADMIN = 14;

    public ClockUser {
        requireNonNull(userId, "userId");
        requireNonNull(name, "name");
        requireNonNull(password, "password");
    }
}
