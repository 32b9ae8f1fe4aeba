package io.printbridge.server.db;

import io.printbridge.server.jobs.JobState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many jobs each store has waiting, for the per-store queue limit, without counting rows on
 * every new job. A store's figure is counted once and then kept up to date from the writes that
 * pass through the writer, which are all the writes that move a job into or out of QUEUED on
 * this server. It is counted again after {@code recountAfterNanos}, which bounds how far it
 * can drift from what other servers sharing the database did: on several servers, a store's queue
 * may pass its limit by what the others accepted for it within that time.
 *
 * <p>Used by the writer thread only.
 */
final class QueuedCounts {

    /** One server alone: only the command line and the sweep's deletions change counts behind its back. */
    static final long ALONE_RECOUNT_AFTER_NANOS = 10_000_000_000L;
    /** Several servers: each may take jobs for any store. */
    static final long CLUSTER_RECOUNT_AFTER_NANOS = 1_000_000_000L;

    private final long recountAfterNanos;

    QueuedCounts(long recountAfterNanos) {
        this.recountAfterNanos = recountAfterNanos;
    }

    private static final class Count {
        final long countedAt;
        int queued;

        Count(long countedAt, int queued) {
            this.countedAt = countedAt;
            this.queued = queued;
        }
    }

    private final Map<String, Count> counts = new HashMap<>();

    /** The store's waiting jobs, counted if not known; {@code batch} is flushed first so the count sees it. */
    int queued(String storeId, WriteBatch batch) throws SQLException {
        Count count = counts.get(storeId);
        long now = System.nanoTime();
        if (count == null || now - count.countedAt > recountAfterNanos) {
            batch.flush();
            count = new Count(
                    now, countQueued(batch.connection(), List.of(storeId)).getOrDefault(storeId, 0));
            counts.put(storeId, count);
        }
        return count.queued;
    }

    /**
     * Counts, in one query per few hundred stores, those of {@code storeIds} not known or counted
     * too long ago. Called before anything of the group is staged: the count is what is committed,
     * and the group's own changes move it as they are staged.
     */
    void refresh(Set<String> storeIds, Connection connection) throws SQLException {
        long now = System.nanoTime();
        Set<String> stale = new LinkedHashSet<>();
        for (String storeId : storeIds) {
            Count count = counts.get(storeId);
            if (count == null || now - count.countedAt > recountAfterNanos) {
                stale.add(storeId);
            }
        }
        for (List<String> chunk : GroupReads.chunks(stale)) {
            Map<String, Integer> found = countQueued(connection, chunk);
            for (String storeId : chunk) {
                counts.put(storeId, new Count(now, found.getOrDefault(storeId, 0)));
            }
        }
    }

    void changed(String storeId, int delta) {
        Count count = counts.get(storeId);
        if (count != null) {
            count.queued += delta;
        }
    }

    void moved(String storeId, JobState from, JobState to) {
        if (from == JobState.QUEUED && to != JobState.QUEUED) {
            changed(storeId, -1);
        } else if (to == JobState.QUEUED && from != JobState.QUEUED) {
            changed(storeId, +1);
        }
    }

    /** After a rolled back transaction nothing here can be trusted: count again. */
    void forgetAll() {
        counts.clear();
    }

    private static Map<String, Integer> countQueued(Connection connection, List<String> storeIds) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(storeIds.size(), "?"));
        try (PreparedStatement s =
                connection.prepareStatement("SELECT store_id, COUNT(*) FROM jobs WHERE state = 'QUEUED'"
                        + " AND store_id IN (" + marks + ") GROUP BY store_id")) {
            for (int i = 0; i < storeIds.size(); i++) {
                s.setString(i + 1, storeIds.get(i));
            }
            Map<String, Integer> found = new HashMap<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getInt(2));
                }
            }
            return found;
        }
    }
}
