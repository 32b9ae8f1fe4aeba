package io.printbridge.server.dashboard.users;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.db.AuditLogRepository;
import io.printbridge.server.ids.TimeOrderedIds;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creating dashboard users and checking their passwords. An unknown name costs the same hash as
 * a wrong password, so the time of an answer does not tell which names exist.
 */
@Singleton
public final class DashboardUsers {

    /** Languages the dashboard speaks; the first is the default (the shops' language). */
    public static final List<String> LOCALES = List.of("fr", "en");

    public static final String DEFAULT_TIME_ZONE = "Africa/Algiers";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final int MIN_PASSWORD = 10;
    private static final int MAX_PASSWORD = 200;

    private final DashboardUserRepository users;
    private final AuditLogRepository audit;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Compared against when the name is unknown, so that case costs a hash too. */
    private final String decoy;

    public DashboardUsers(DashboardUserRepository users, AuditLogRepository audit, Clock clock) {
        this(users, audit, PasswordHasher.owaspDefaults(), clock);
    }

    DashboardUsers(DashboardUserRepository users, AuditLogRepository audit, PasswordHasher hasher, Clock clock) {
        this.users = requireNonNull(users, "users");
        this.audit = requireNonNull(audit, "audit");
        this.hasher = requireNonNull(hasher, "hasher");
        this.clock = requireNonNull(clock, "clock");
        this.decoy = hasher.hash("decoy password, never a user's");
    }

    /**
     * A new user.
     *
     * @param by who creates it, for the audit log ({@code cli:root}, {@code dashboard:alice})
     * @throws IllegalArgumentException naming what is wrong: the name, the password's length, the
     *     language, the zone, or a name already taken
     */
    public DashboardUser create(String by, String name, String password, Role role, String locale, String zone) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "user: \"" + name + "\" (expected: 1-64 letters, digits, '.', '_', '@' or '-')");
        }
        checkPassword(password);
        if (!LOCALES.contains(locale)) {
            throw new IllegalArgumentException("locale: \"" + locale + "\" (expected: one of " + LOCALES + ")");
        }
        ZoneId timeZone = zone(zone);
        if (users.find(name).isPresent()) {
            throw new IllegalArgumentException("user: \"" + name + "\" exists already (expected: a new name)");
        }
        Instant now = clock.instant();
        users.insert(name, hasher.hash(password), role.name(), locale, timeZone.getId(), now);
        audit.record(
                TimeOrderedIds.next(),
                now,
                by,
                "dashboard-user.create",
                null,
                null,
                "user " + name + " with role " + role.name().toLowerCase(Locale.ROOT));
        return new DashboardUser(name, role, Locale.forLanguageTag(locale), timeZone);
    }

    /**
     * Gives {@code name} a new password; false if there is no such user.
     *
     * @throws IllegalArgumentException for a password too short or too long
     */
    public boolean changePassword(String by, String name, String password) {
        checkPassword(password);
        boolean changed = users.updatePassword(name, hasher.hash(password)) > 0;
        if (changed) {
            audit.record(
                    TimeOrderedIds.next(), clock.instant(), by, "dashboard-user.password", null, null, "user " + name);
        }
        return changed;
    }

    /** The user if {@code password} is theirs and they are not disabled. Slow on purpose. */
    public Optional<DashboardUser> authenticate(String name, String password) {
        if (password.length() > MAX_PASSWORD) {
            return Optional.empty();
        }
        Optional<DashboardUserRow> row = NAME.matcher(name).matches() ? users.find(name) : Optional.empty();
        if (row.isEmpty()) {
            hasher.matches(password, decoy);
            return Optional.empty();
        }
        if (!hasher.matches(password, row.get().passwordHash()) || row.get().disabledAt() != null) {
            return Optional.empty();
        }
        return Optional.of(of(row.get()));
    }

    public Optional<DashboardUser> find(String name) {
        return users.find(name).filter(row -> row.disabledAt() == null).map(DashboardUsers::of);
    }

    public List<DashboardUser> all() {
        return users.all().stream().map(DashboardUsers::of).toList();
    }

    /** Changes a user's role; false if there is no such user. */
    public boolean changeRole(String by, String name, Role role) {
        boolean changed = users.updateRole(name, role.name()) > 0;
        if (changed) {
            audit.record(
                    TimeOrderedIds.next(),
                    clock.instant(),
                    by,
                    "dashboard-user.role",
                    null,
                    null,
                    "user " + name + " now " + role.name().toLowerCase(Locale.ROOT));
        }
        return changed;
    }

    private static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new IllegalArgumentException("password: " + password.length() + " characters (expected: "
                    + MIN_PASSWORD + " to " + MAX_PASSWORD + ")");
        }
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "time zone: \"" + zone + "\" (expected: an IANA zone such as Africa/Algiers or Europe/Paris)");
        }
    }

    private static DashboardUser of(DashboardUserRow row) {
        ZoneId zone;
        try {
            zone = ZoneId.of(row.timeZone());
        } catch (DateTimeException e) {
            zone = ZoneId.of(DEFAULT_TIME_ZONE);
        }
        return new DashboardUser(row.name(), Role.parse(row.role()), Locale.forLanguageTag(row.locale()), zone);
    }
}
