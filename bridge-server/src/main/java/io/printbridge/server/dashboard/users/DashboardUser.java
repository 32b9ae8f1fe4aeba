package io.printbridge.server.dashboard.users;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.Locale;

/** A signed-in dashboard user, as pages and actions see them: never their password hash. */
public record DashboardUser(String name, Role role, Locale locale, ZoneId timeZone) {

    public DashboardUser {
        requireNonNull(name, "name");
        requireNonNull(role, "role");
        requireNonNull(locale, "locale");
        requireNonNull(timeZone, "timeZone");
    }

    /** How the audit log names this user ({@code dashboard:alice}), apart from API tokens and the CLI. */
    public String auditName() {
        return "dashboard:" + name;
    }
}
