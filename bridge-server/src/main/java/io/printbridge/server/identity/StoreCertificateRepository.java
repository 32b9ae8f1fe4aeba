package io.printbridge.server.identity;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code store_certificates} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StoreCertificateRepository extends GenericRepository<StoreCertificateRow, String> {

    Optional<StoreCertificateRow> findById(String serial);

    @Query("SELECT * FROM store_certificates WHERE store_id = :storeId ORDER BY issued_at")
    List<StoreCertificateRow> findByStore(String storeId);

    @Query(
            "INSERT INTO store_certificates (serial, store_id, not_before, not_after, issued_at, issued_by, ca_fingerprint, "
                    + "hostname) VALUES (:serial, :storeId, :notBefore, :notAfter, :issuedAt, :issuedBy, :caFingerprint, :hostname)")
    void insert(
            String serial,
            String storeId,
            Instant notBefore,
            Instant notAfter,
            Instant issuedAt,
            String issuedBy,
            String caFingerprint,
            String hostname);

    /** The first handshake with {@code serial}: true the first time only. */
    @Query("UPDATE store_certificates SET first_seen_at = :at WHERE serial = :serial AND first_seen_at IS NULL")
    long markSeen(String serial, Instant at);

    /** Retires the store's other certificates issued before {@code serial}'s, now that it is in use. */
    @Query(
            "UPDATE store_certificates SET retired_at = :at WHERE store_id = :storeId AND serial <> :serial "
                    + "AND retired_at IS NULL AND issued_at <= (SELECT issued_at FROM store_certificates WHERE serial = :serial)")
    long retireOlder(String storeId, String serial, Instant at);

    @Query("UPDATE store_certificates SET revoked_at = :at WHERE store_id = :storeId AND revoked_at IS NULL")
    long revokeStore(String storeId, Instant at);

    /** Serials of certificates still valid at {@code now} that may no longer be used: revoked, or retired by a renewal. */
    @Query(
            "SELECT serial FROM store_certificates WHERE not_after > :now AND (revoked_at IS NOT NULL OR retired_at IS NOT NULL)")
    List<String> findRefusedSerials(Instant now);

    /** Serials issued to revoked stores after their revocation, still valid and not revoked since. */
    @Query("SELECT c.serial FROM store_certificates c JOIN store_revocations r ON r.store_id = c.store_id "
            + "WHERE c.issued_at >= r.revoked_before AND c.revoked_at IS NULL AND c.not_after > :now")
    List<String> findIssuedSinceRevocation(Instant now);

    /** How many certificates the store was issued by renewal since {@code since} (by any server sharing the database). */
    @Query(
            "SELECT COUNT(*) FROM store_certificates WHERE store_id = :storeId AND issued_by = 'RENEWAL' AND issued_at > :since")
    long countRenewedSince(String storeId, Instant since);

    /** The store's newest certificate, if the server issued any. */
    @Query("SELECT * FROM store_certificates WHERE store_id = :storeId ORDER BY issued_at DESC LIMIT 1")
    Optional<StoreCertificateRow> findNewest(String storeId);
}
