package io.printbridge.server.db;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes audit rows older than {@code bridge.audit.retention} (a year by default): one row is
 * written per job and per administrative act, and without a limit the table was the one part of
 * the database that grew for ever (found by the soak). Not in the {@code cli} environment: the
 * command line shares the server's context and must never delete.
 */
@Singleton
@Requires(notEnv = "cli")
final class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    private static final int BATCH = 1000;

    private final AuditLogRepository audit;
    private final Duration retention;
    private final Clock clock;

    AuditRetention(AuditLogRepository audit, @Value("${bridge.audit.retention:365d}") Duration retention, Clock clock) {
        this.audit = requireNonNull(audit, "audit");
        this.retention = requireNonNull(retention, "retention");
        this.clock = requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException(
                    "bridge.audit.retention: " + retention + " (expected: a positive duration, e.g. 365d)");
        }
    }

    @Scheduled(fixedDelay = "${bridge.jobs.purge-interval:10m}", initialDelay = "${bridge.jobs.purge-interval:10m}")
    void purge() {
        try {
            int total = deleteOld();
            if (total > 0) {
                log.info("deleted {} audit row(s) older than {}", total, retention);
            }
        } catch (RuntimeException e) {
            log.warn("purge of old audit rows failed, retrying at the next one: {}", e.toString());
        }
    }

    /** Deletes what is past the retention, a batch at a time; how many rows went. */
    int deleteOld() {
        java.time.Instant cutoff = clock.instant().minus(retention);
        int deleted;
        int total = 0;
        do {
            deleted = audit.deleteOlderThan(cutoff, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
