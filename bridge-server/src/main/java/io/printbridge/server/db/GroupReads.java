package io.printbridge.server.db;

import io.printbridge.server.jobs.Job;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a group commit's new jobs must read before they are staged, read once for the whole group
 * instead of once per job: the waiting-job counts of their stores (for the queue limit) that are
 * not known or were counted too long ago, and the jobs their clients already made under their
 * idempotency keys. Read per job, both were a query each, and the count flushed the batch before
 * it, so a group of a hundred new jobs ran as a hundred small batches (found by profiling the
 * peak: at 1,000 shops those reads were a quarter of the writer's time).
 *
 * <p>Both are read before anything of the group is staged, so they see what is committed, and
 * what the group itself stages is added on top: the counts move with each staged change, and a
 * key staged earlier in the group is found in the batch first.
 */
final class GroupReads {

    /** Ids in one {@code IN (...)} list at most. */
    private static final int IN_LIST = 500;

    private final Set<String> stores = new LinkedHashSet<>();
    private final Map<String, Set<String>> keysByClient = new HashMap<>();
    private final Map<String, Job> earlierByKey = new HashMap<>();

    /** A new job of {@code storeId} will ask how many jobs wait there. */
    void count(String storeId) {
        stores.add(storeId);
    }

    /** A new job will ask whether {@code client} already used {@code idempotencyKey}. */
    void key(String client, String idempotencyKey) {
        keysByClient.computeIfAbsent(client, c -> new LinkedHashSet<>()).add(idempotencyKey);
    }

    /** Reads everything asked for, in as few queries as the lists allow. */
    void read(Connection connection, QueuedCounts counts, JobRepository jobs) throws SQLException {
        counts.refresh(stores, connection);
        for (Map.Entry<String, Set<String>> client : keysByClient.entrySet()) {
            for (List<String> keys : chunks(client.getValue())) {
                for (JobRow row : jobs.findByRequestedByAndIdempotencyKeys(client.getKey(), keys)) {
                    String key = row.idempotencyKey();
                    if (key != null) { // always: the query asked for these keys
                        earlierByKey.put(keyOf(client.getKey(), key), JobRows.toJob(row));
                    }
                }
            }
        }
    }

    /**
     * The committed job {@code client} made under {@code idempotencyKey}, if any. The key must have
     * been asked for ({@link #key}): one that was not was never read, and "none" would be a guess.
     */
    Optional<Job> earlier(String client, String idempotencyKey) {
        Set<String> keys = keysByClient.get(client);
        if (keys == null || !keys.contains(idempotencyKey)) {
            throw new IllegalStateException("idempotency key of " + client
                    + " not read with the group (expected: the write names it in JobWrite.wants)");
        }
        return Optional.ofNullable(earlierByKey.get(keyOf(client, idempotencyKey)));
    }

    static List<List<String>> chunks(Set<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        for (String value : values) {
            chunk.add(value);
            if (chunk.size() == IN_LIST) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static String keyOf(String client, String idempotencyKey) {
        return client + '\u0000' + idempotencyKey;
    }
}
