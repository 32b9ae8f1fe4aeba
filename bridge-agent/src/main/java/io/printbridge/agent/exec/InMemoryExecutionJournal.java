package io.printbridge.agent.exec;

import io.printbridge.proto.v1.CommandResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded journal in memory: forgets the oldest commands past {@code capacity}. It protects
 * against redelivery while the agent runs; surviving an agent restart needs the durable one.
 */
public final class InMemoryExecutionJournal implements ExecutionJournal {

    private final Map<String, Entry> entries;

    public InMemoryExecutionJournal(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: at least 1)");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized Optional<Entry> find(String commandId) {
        return Optional.ofNullable(entries.get(commandId));
    }

    @Override
    public synchronized void started(String commandId) {
        entries.put(commandId, new Entry(commandId, null));
    }

    @Override
    public synchronized void finished(String commandId, CommandResult result) {
        entries.put(commandId, new Entry(commandId, result));
    }
}
