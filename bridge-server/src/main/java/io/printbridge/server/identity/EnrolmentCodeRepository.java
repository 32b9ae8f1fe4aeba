package io.printbridge.server.identity;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code enrolment_codes} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EnrolmentCodeRepository extends GenericRepository<EnrolmentCodeRow, String> {

    Optional<EnrolmentCodeRow> findById(String codeSha256);

    @Query("INSERT INTO enrolment_codes (code_sha256, store_id, created_at, created_by, expires_at) "
            + "VALUES (:codeSha256, :storeId, :createdAt, :createdBy, :expiresAt)")
    void insert(String codeSha256, String storeId, Instant createdAt, String createdBy, Instant expiresAt);

    /**
     * Uses the code, if it still may be: the one statement that makes a code single-use. Of two
     * transactions using one code, the second waits for the first's row lock and then finds it used.
     *
     * @return 1 when this call used it, 0 when it was used, revoked or expired
     */
    @Query("UPDATE enrolment_codes SET used_at = :at, used_by_host = :host WHERE code_sha256 = :codeSha256 "
            + "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :at")
    long use(String codeSha256, Instant at, String host);

    @Query("UPDATE enrolment_codes SET revoked_at = :at WHERE code_sha256 = :codeSha256 "
            + "AND used_at IS NULL AND revoked_at IS NULL")
    long revoke(String codeSha256, Instant at);

    /** The codes whose hash starts with {@code id} (16 hex digits: one, in practice). */
    @Query("SELECT * FROM enrolment_codes WHERE code_sha256 LIKE :prefix ORDER BY created_at")
    List<EnrolmentCodeRow> findByPrefix(String prefix);

    @Query("SELECT * FROM enrolment_codes WHERE store_id = :storeId ORDER BY created_at DESC LIMIT :limit")
    List<EnrolmentCodeRow> findByStore(String storeId, int limit);

    @Query("SELECT * FROM enrolment_codes ORDER BY created_at DESC LIMIT :limit")
    List<EnrolmentCodeRow> findLatest(int limit);
}
