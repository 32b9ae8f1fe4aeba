package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.dashboard.users.DashboardUser;
import java.time.Instant;

/**
 * One login: the cookie's value ({@code id}), the token every state-changing request must carry
 * ({@code csrfToken}, in the {@code X-CSRF-Token} header) and who it is.
 *
 * @param lastUsed when a request last came with it, for the idle timeout
 */
record DashboardSession(String id, String csrfToken, DashboardUser user, Instant createdAt, Instant lastUsed) {

    static final String ATTRIBUTE = "printbridge.dashboard.session";

    DashboardSession {
        requireNonNull(id, "id");
        requireNonNull(csrfToken, "csrfToken");
        requireNonNull(user, "user");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(lastUsed, "lastUsed");
    }

    DashboardSession used(Instant at) {
        return new DashboardSession(id, csrfToken, user, createdAt, at);
    }
}
