package io.printbridge.agent.exec;

import io.printbridge.agent.exec.ExecutionJournal.Entry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The entries a journal remembers, in the order their commands were first recorded, at most
 * {@code capacity} of them: one more forgets the oldest. Not thread-safe: its journal locks.
 */
final class BoundedEntries {

    private final Map<String, Entry> byId;

    BoundedEntries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: at least 1)");
        }
        // Insertion order, not access order: a redelivery must not make an old command young.
        this.byId = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    @Nullable
    Entry get(String commandId) {
        return byId.get(commandId);
    }

    /** Adds or replaces the entry for its command; a known command keeps its place in the order. */
    void put(Entry entry) {
        byId.put(entry.commandId(), entry);
    }

    /** The start time of a known command, or {@code otherwise}. */
    Instant startedAt(String commandId, Instant otherwise) {
        Entry known = byId.get(commandId);
        return known != null ? known.startedAt() : otherwise;
    }

    /**
     * Turns every RUNNING entry into INTERRUPTED. Called once, after reading what an earlier run
     * left: nothing of that run is running any more.
     *
     * @return how many entries were interrupted
     */
    int interruptRunning() {
        int[] count = {0};
        byId.replaceAll((id, entry) -> {
            if (entry.state() != Entry.State.RUNNING) {
                return entry;
            }
            count[0]++;
            return Entry.interrupted(id, entry.startedAt());
        });
        return count[0];
    }

    /** All entries, oldest first. */
    List<Entry> inOrder() {
        return List.copyOf(byId.values());
    }

    int size() {
        return byId.size();
    }
}
