package io.printbridge.agent.exec;

import static java.util.Objects.requireNonNull;

import io.printbridge.proto.v1.CommandResult;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A bounded journal in memory: forgets the oldest commands past {@code capacity}. It protects
 * against redelivery while the agent runs; surviving an agent restart needs
 * {@link FileExecutionJournal}. Its entries are never INTERRUPTED, since it forgets everything
 * when the agent stops.
 */
public final class InMemoryExecutionJournal implements ExecutionJournal {

    private final BoundedEntries entries;
    private final Clock clock = Clock.systemUTC();

    public InMemoryExecutionJournal(int capacity) {
        this.entries = new BoundedEntries(capacity);
    }

    @Override
    public synchronized Optional<Entry> find(String commandId) {
        return Optional.ofNullable(entries.get(requireNonNull(commandId, "commandId")));
    }

    @Override
    public synchronized void started(String commandId) {
        entries.put(Entry.running(requireNonNull(commandId, "commandId"), clock.instant()));
    }

    @Override
    public synchronized void finished(String commandId, CommandResult result) {
        requireNonNull(commandId, "commandId");
        requireNonNull(result, "result");
        Instant startedAt = entries.startedAt(commandId, clock.instant());
        entries.put(Entry.finished(commandId, startedAt, result));
    }
}
