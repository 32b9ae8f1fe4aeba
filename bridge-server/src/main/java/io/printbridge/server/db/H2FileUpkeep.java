package io.printbridge.server.db;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded H2 file from growing without end. H2's store is append-only: every commit
 * writes the pages it changed into a new chunk, and the old copies stay in their chunks as dead
 * space. H2 rewrites the live rest of mostly dead chunks, so that their space is reused, from its
 * background writer, which runs only when commits are written late ({@code WRITE_DELAY} above
 * 0). The server writes each commit at once ({@code WRITE_DELAY=0}: a job answered as accepted
 * survives a kill), so nothing did that work: at the peak (1,000 shops, 700 to 1,400 jobs a
 * second) the file reached 1.6 GB in under four minutes with its chunks 17 % live, and at an
 * everyday rate it grew by hundreds of megabytes a day. This does the background writer's
 * rewrite every second, a few megabytes at a time, whenever less than half of what the chunks
 * hold is live.
 *
 * <p>It also forces the file to disk every second and keeps old chunks {@value #RETENTION_MILLIS}
 * ms instead of H2's 45 s. H2 keeps a chunk that long before it reuses its space or rewrites it,
 * because it assumes the operating system may take that long to put what was written on disk (a
 * power cut in between must still find a whole older version). At a peak of a thousand jobs a
 * second that was 45 s of the commits' chunks, some 18 MB a second: the file reached 3.9 GB after
 * 150,000 jobs, against 0.95 GB with 5 s (BENCHMARKS.md, "The H2 file at a long peak"). With the
 * file forced to disk each second, a chunk 5 s old has been on disk for seconds, and what a power
 * cut can take is about the last second of commits rather than whatever the kernel had not yet
 * written (up to 30 s by default on Linux). A power cut is not something the tests can make.
 *
 * <p>Only on an H2 file, and not in the {@code cli} environment (the backup and restore commands
 * work on the file themselves).
 */
@Context
@Requires(notEnv = "cli")
@Requires(property = "datasources.default.url", pattern = "jdbc:h2:file:.*")
final class H2FileUpkeep {

    private static final Logger log = LoggerFactory.getLogger(H2FileUpkeep.class);

    /** Below this share of live data in the chunks, their live rest is rewritten. */
    static final int TARGET_FILL_RATE = 50;
    /** Live data rewritten per run at most: about what H2's own background writer does per second. */
    private static final int REWRITE_BYTES_PER_RUN = 4 * 1024 * 1024;
    /** How long H2 keeps a chunk before its space may be reused or it may be rewritten, in ms. */
    static final int RETENTION_MILLIS = 5_000;

    private final MVStore store;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "h2-file-upkeep");
        t.setDaemon(true);
        return t;
    });

    H2FileUpkeep(DataSource dataSource) throws SQLException {
        this.store = storeOf(requireNonNull(dataSource, "dataSource"));
        store.setRetentionTime(RETENTION_MILLIS);
        timer.scheduleWithFixedDelay(this::runOnce, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
    }

    /**
     * One pass: forces what was written to disk, then rewrites some live data of old, mostly dead
     * chunks if the chunks are less than half live.
     */
    void runOnce() {
        try {
            if (store.isClosed()) {
                return;
            }
            store.sync();
            if (chunksFillRate() < TARGET_FILL_RATE && store.compact(TARGET_FILL_RATE, REWRITE_BYTES_PER_RUN)) {
                // The rewrite only marks the live pages; they move when the store next writes,
                // which an idle server would not do for a while (H2's background writer does the same).
                store.tryCommit();
            }
        } catch (RuntimeException e) {
            // The database is closing, or a write failed (a full disk): the job writes report it;
            // the next pass tries again.
            log.debug("H2 file upkeep skipped a pass: {}", e.toString());
        }
    }

    /** The share of live data in the file's chunks, in percent. */
    int chunksFillRate() {
        return store.getFileStore().getChunksFillRate();
    }

    /** The store of the embedded database behind the pool (H2's own classes: the server runs it in process). */
    static MVStore storeOf(DataSource dataSource) throws SQLException {
        try (Connection connection =
                DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            SessionLocal session =
                    (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            return session.getDatabase().getStore().getMvStore();
        }
    }
}
