package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.printbridge.server.ids.TimeOrderedIds;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two PCs that presented one store's certificate at the same time: each time a newer stream
 * replaced a live one, which host replaced which, and when. A store whose certificate was copied
 * or stolen shows here, for IT, instead of silently going offline; the remedy is to revoke the
 * store and enrol the real PC again. Recorded off the caller's thread; the latest per store is
 * kept in memory for the store list.
 */
@Singleton
public class StoreConflicts {

    private static final Logger log = LoggerFactory.getLogger(StoreConflicts.class);

    /** One replacement: the stream that was live, and the one that replaced it. */
    public record Conflict(Instant at, String replacedHost, String replacedPeer, String newHost, String newPeer) {}

    /** How many replacements a store had, and the latest. */
    public record Summary(long count, Conflict latest) {}

    private final Repository rows;
    private final Map<String, Summary> summaries = new ConcurrentHashMap<>();
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "store-conflicts");
        thread.setDaemon(true);
        return thread;
    });

    public StoreConflicts(Repository rows) {
        this.rows = requireNonNull(rows, "rows");
        for (Row row : rows.findLatestPerStore()) {
            summaries.put(
                    row.storeId(),
                    new Summary(
                            row.count(),
                            new Conflict(
                                    row.at(), row.replacedHost(), row.replacedPeer(), row.newHost(), row.newPeer())));
        }
    }

    /** Records that a stream of {@code storeId} replaced a live one. */
    public void replaced(String storeId, Conflict conflict) {
        summaries.merge(storeId, new Summary(1, conflict), (known, added) -> new Summary(known.count() + 1, conflict));
        try {
            recorder.execute(() -> {
                try {
                    rows.insert(
                            TimeOrderedIds.next(),
                            storeId,
                            conflict.at(),
                            cut(conflict.replacedHost()),
                            cut(conflict.replacedPeer()),
                            cut(conflict.newHost()),
                            cut(conflict.newPeer()));
                } catch (RuntimeException e) {
                    log.warn("conflict of store {} not recorded: {}", storeId, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("conflict of store {} not recorded, the server is stopping", storeId);
        }
    }

    public Optional<Summary> of(String storeId) {
        return Optional.ofNullable(summaries.get(storeId));
    }

    private static String cut(String text) {
        return text.length() > 100 ? text.substring(0, 100) : text;
    }

    /** A store's conflicts as read at start: how many, and the latest. */
    @io.micronaut.core.annotation.Introspected
    public record Row(
            String storeId,
            long count,
            Instant at,
            String replacedHost,
            String replacedPeer,
            String newHost,
            String newPeer) {}

    /** The {@code store_conflicts} table. */
    @JdbcRepository(dialect = Dialect.POSTGRES)
    public interface Repository extends GenericRepository<StoreConflictRow, String> {

        @Query("INSERT INTO store_conflicts (id, store_id, at, replaced_host, replaced_peer, new_host, new_peer) "
                + "VALUES (:id, :storeId, :at, :replacedHost, :replacedPeer, :newHost, :newPeer)")
        void insert(
                String id,
                String storeId,
                Instant at,
                String replacedHost,
                String replacedPeer,
                String newHost,
                String newPeer);

        @Query("SELECT c.store_id, n.count, c.at, c.replaced_host, c.replaced_peer, c.new_host, c.new_peer "
                + "FROM store_conflicts c JOIN (SELECT store_id, COUNT(*) AS count, MAX(at) AS last FROM store_conflicts "
                + "GROUP BY store_id) n ON n.store_id = c.store_id AND n.last = c.at")
        List<Row> findLatestPerStore();
    }
}
