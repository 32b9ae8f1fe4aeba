package io.printbridge.server.identity;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

/** The {@code certificate_authorities} table, and what {@code store_certificates} says of each CA. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StoreCaRepository extends GenericRepository<StoreCaRow, String> {

    @Query("SELECT * FROM certificate_authorities ORDER BY added_at")
    List<StoreCaRow> findAllCas();

    @Query(
            "INSERT INTO certificate_authorities (fingerprint, certificate, subject, not_after, state, added_at, added_by, "
                    + "issuing_since) VALUES (:fingerprint, :certificate, :subject, :notAfter, :state, :addedAt, :addedBy, "
                    + ":issuingSince)")
    void insert(
            String fingerprint,
            String certificate,
            String subject,
            Instant notAfter,
            String state,
            Instant addedAt,
            String addedBy,
            @io.micronaut.core.annotation.Nullable Instant issuingSince);

    /** The issuing CA, if any, becomes merely trusted. */
    @Query("UPDATE certificate_authorities SET state = 'TRUSTED' WHERE state = 'ISSUING'")
    long demoteIssuing();

    /** {@code fingerprint} becomes the issuing CA, unless it was retired. */
    @Query("UPDATE certificate_authorities SET state = 'ISSUING', issuing_since = :at "
            + "WHERE fingerprint = :fingerprint AND state <> 'RETIRED'")
    long makeIssuing(String fingerprint, Instant at);

    @Query("UPDATE certificate_authorities SET state = 'RETIRED', retired_at = :at, retired_by = :by "
            + "WHERE fingerprint = :fingerprint AND state = 'TRUSTED'")
    long retire(String fingerprint, Instant at, String by);

    /**
     * For each CA, the certificates it issued that are still live at {@code now} (not expired,
     * retired by a renewal in use, nor revoked), and how many stores hold them.
     */
    @Query("SELECT ca_fingerprint, COUNT(*) AS certificates, COUNT(DISTINCT store_id) AS stores "
            + "FROM store_certificates WHERE not_after > :now AND retired_at IS NULL AND revoked_at IS NULL "
            + "GROUP BY ca_fingerprint")
    List<LiveCertificates> countLive(Instant now);

    /**
     * Stores, not revoked, that have not been connected since {@code since}: those that may not hold
     * a CA added then (a connected store is handed it on its live stream).
     */
    @Query("SELECT COUNT(*) FROM stores s WHERE s.connected_since IS NULL AND s.last_seen < :since "
            + "AND NOT EXISTS (SELECT 1 FROM store_revocations r WHERE r.store_id = s.store_id)")
    long countStoresNotSeenSince(Instant since);

    /** One CA's live certificates. */
    @Introspected
    record LiveCertificates(String caFingerprint, long certificates, long stores) {}
}
