package io.printbridge.server.dashboard;

import io.printbridge.server.dashboard.users.DashboardUser;
import io.printbridge.server.dashboard.users.Role;
import java.util.Locale;

/** An action the user's role does not allow; a 403 page. */
final class ActionForbiddenException extends RuntimeException {

    private final String reason;

    ActionForbiddenException(DashboardUser user, Role needed) {
        this(reason(user, needed));
    }

    private ActionForbiddenException(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** {@code user bob is viewer (expected: operator or above)}. */
    static String reason(DashboardUser user, Role needed) {
        return "user " + user.name() + " is " + user.role().name().toLowerCase(Locale.ROOT) + " (expected: "
                + needed.name().toLowerCase(Locale.ROOT) + " or above)";
    }

    String reason() {
        return reason;
    }
}
