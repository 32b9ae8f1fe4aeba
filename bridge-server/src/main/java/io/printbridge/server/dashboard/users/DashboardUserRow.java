package io.printbridge.server.dashboard.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code dashboard_users}; {@code passwordHash} is an Argon2id PHC string. */
@MappedEntity("dashboard_users")
public record DashboardUserRow(
        @Id String name,
        String passwordHash,
        String role,
        String locale,
        String timeZone,
        Instant createdAt,
        @Nullable Instant disabledAt) {}
