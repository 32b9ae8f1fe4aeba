package io.printbridge.server.dashboard.users;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code dashboard_users} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DashboardUserRepository extends GenericRepository<DashboardUserRow, String> {

    @Query("SELECT * FROM dashboard_users WHERE name = :name")
    Optional<DashboardUserRow> find(String name);

    @Query("SELECT * FROM dashboard_users ORDER BY name")
    List<DashboardUserRow> all();

    @Query("INSERT INTO dashboard_users (name, password_hash, role, locale, time_zone, created_at) "
            + "VALUES (:name, :passwordHash, :role, :locale, :timeZone, :createdAt)")
    void insert(String name, String passwordHash, String role, String locale, String timeZone, Instant createdAt);

    @Query("UPDATE dashboard_users SET password_hash = :passwordHash WHERE name = :name")
    long updatePassword(String name, String passwordHash);

    @Query("UPDATE dashboard_users SET role = :role WHERE name = :name")
    long updateRole(String name, String role);

    @Query("UPDATE dashboard_users SET locale = :locale, time_zone = :timeZone WHERE name = :name")
    long updatePreferences(String name, String locale, String timeZone);
}
