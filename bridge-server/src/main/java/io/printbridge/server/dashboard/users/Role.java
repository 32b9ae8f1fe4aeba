package io.printbridge.server.dashboard.users;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a dashboard user may do; each role may do everything the roles before it may. */
public enum Role {
    /** Sees the fleet, stores, jobs and previews; changes nothing. */
    VIEWER,
    /** And acts on shops: test print, open a drawer, retry a failed job. */
    OPERATOR,
    /** And manages the dashboard's users. */
    ADMIN;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** {@code admin}, {@code Operator}…: the role, whatever its case. */
    public static Role parse(String text) {
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        for (Role role : values()) {
            if (role.name().equals(wanted)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role: \"" + text + "\" (expected: one of "
                + Arrays.stream(values())
                        .map(r -> r.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))
                + ")");
    }
}
