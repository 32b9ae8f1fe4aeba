package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.dashboard.users.DashboardUser;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's logins, in memory: a restart logs everyone out, which costs a login and keeps
 * no session secret in the database. Bounded ({@link DashboardConfig#maxSessions()}, the oldest
 * ended first) and expiring (idle and absolute). Ids and CSRF tokens are 256 random bits.
 */
@Singleton
final class DashboardSessions {

    private final DashboardConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, DashboardSession> sessions = new LinkedHashMap<>();

    DashboardSessions(DashboardConfig config, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
    }

    synchronized DashboardSession open(DashboardUser user) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        while (sessions.size() >= config.maxSessions()) {
            sessions.values().stream()
                    .min(Comparator.comparing(DashboardSession::lastUsed))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        DashboardSession session = new DashboardSession(randomToken(), randomToken(), user, now, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, marked as used now; empty if unknown or expired. */
    synchronized Optional<DashboardSession> use(String id) {
        DashboardSession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        DashboardSession used = session.used(now);
        sessions.put(id, used);
        return Optional.of(used);
    }

    synchronized void close(String id) {
        sessions.remove(id);
    }

    /** Ends every session of {@code userName} (a role changed: they log in again under the new one). */
    synchronized void closeAllOf(String userName) {
        sessions.values().removeIf(s -> s.user().name().equals(userName));
    }

    private boolean expired(DashboardSession session, Instant now) {
        return !now.isBefore(session.lastUsed().plus(config.sessionIdle()))
                || !now.isBefore(session.createdAt().plus(config.sessionMaxAge()));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
