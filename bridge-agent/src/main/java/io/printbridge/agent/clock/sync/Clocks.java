package io.printbridge.agent.clock.sync;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.exec.ClockCommands;
import io.printbridge.agent.exec.CommandExecutor;
import io.printbridge.agent.exec.Ticker;
import io.printbridge.agent.link.StreamListener;
import io.printbridge.proto.v1.AttendanceRefused;
import io.printbridge.proto.v1.AttendanceStored;
import io.printbridge.proto.v1.Clock;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.FailureCode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's clocks: their workers, what the Hello says of them, and the commands for them. A
 * command that names no clock goes to the only one; with several, it must name one.
 */
public final class Clocks implements ClockCommands, StreamListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Clocks.class);

    private final List<ClockWorker> workers;
    private final AttendanceUploads uploads;
    private final Ticker ticker;
    /** Commands queued or running, so a redelivery does not run one twice at once. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public Clocks(List<ClockWorker> workers, AttendanceUploads uploads, Ticker ticker) {
        this.workers = List.copyOf(workers);
        this.uploads = requireNonNull(uploads, "uploads");
        this.ticker = requireNonNull(ticker, "ticker");
    }

    public List<ClockWorker> all() {
        return workers;
    }

    public void start() {
        workers.forEach(ClockWorker::start);
    }

    /** The Hello's entries, with each clock's status as last seen. */
    public List<Clock> hello() {
        return workers.stream()
                .map(worker -> Clock.newBuilder()
                        .setName(worker.settings().name())
                        .setAddress(worker.settings().endpoint().address())
                        .setTransport(
                                worker.settings().endpoint().transport() == ClockTransport.UDP
                                        ? io.printbridge.proto.v1.ClockTransport.CLOCK_TRANSPORT_UDP
                                        : io.printbridge.proto.v1.ClockTransport.CLOCK_TRANSPORT_TCP)
                        .setTimeZone(worker.settings().zone().getId())
                        .setStatus(worker.status())
                        .build())
                .toList();
    }

    /** The clock named {@code name}; empty names the only clock, when there is exactly one. */
    Optional<ClockWorker> find(String name) {
        if (name.isEmpty()) {
            return workers.size() == 1 ? Optional.of(workers.get(0)) : Optional.empty();
        }
        return workers.stream().filter(w -> w.settings().name().equals(name)).findFirst();
    }

    @Override
    public void execute(Command command, long ttlStartNanos, Consumer<CommandResult> results) {
        Optional<ClockWorker> worker = find(command.getClock());
        if (worker.isEmpty()) {
            results.accept(CommandExecutor.failure(
                    command.getId(),
                    FailureCode.FAILURE_CODE_UNKNOWN_CLOCK,
                    command.getClock().isEmpty()
                            ? "the command names no clock and this agent has " + workers.size() + " (expected: one of "
                                    + names() + ")"
                            : "no clock named \"" + command.getClock() + "\" on this agent (expected: one of " + names()
                                    + ")"));
            return;
        }
        String id = command.getId();
        if (!inFlight.add(id)) {
            log.info("clock command {} is already queued or running: its result will follow", id);
            return;
        }
        Consumer<CommandResult> once = result -> {
            inFlight.remove(id);
            results.accept(result);
        };
        ClockCommandTask task = new ClockCommandTask(command, worker.get().settings(), ttlStartNanos, ticker, once);
        if (!worker.get().submit(task)) {
            once.accept(CommandExecutor.failure(
                    id,
                    FailureCode.FAILURE_CODE_INTERNAL,
                    "clock " + worker.get().settings().name() + " has too many commands waiting; try again"));
        }
    }

    private String names() {
        return workers.isEmpty()
                ? "none configured"
                : String.join(
                        ", ", workers.stream().map(w -> w.settings().name()).toList());
    }

    @Override
    public void welcomed(int serverRevision) {
        workers.forEach(ClockWorker::welcomed);
    }

    @Override
    public void ended() {
        uploads.ended();
    }

    @Override
    public void attendanceStored(AttendanceStored stored) {
        uploads.attendanceStored(stored);
    }

    @Override
    public void attendanceRefused(AttendanceRefused refused) {
        uploads.attendanceRefused(refused);
    }

    @Override
    public void close() {
        workers.forEach(ClockWorker::close);
    }
}
