package io.printbridge.faults.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Carries out a fault schedule against the run's processes, lines and printers, and records when
 * each fault began and ended. Server and database faults are carried out one at a time on the
 * schedule's own thread (a server that is down cannot be killed again); the faults of one store
 * or printer begin on time and end on a timer, so they overlap with anything.
 */
final class FaultInjector implements AutoCloseable {

    /** A fault as it happened. */
    record Injected(
            Fault fault,
            Instant began,
            @Nullable Instant ended,
            @Nullable String error) {}

    /** The servers; a server fault hits one of them, in turn by the fault's store number. */
    private final List<ServerProcess> servers;

    private final ServerDatabase database;
    private final List<AgentProcess> agents;
    private final List<LinkProxy> lines;
    private final List<JournalDisk> disks;
    private final Map<String, RecordingPrinter> printers;
    private final List<String> stores;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "fault-end");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Injected> injected = new ArrayList<>();

    FaultInjector(
            List<ServerProcess> servers,
            ServerDatabase database,
            List<String> stores,
            List<AgentProcess> agents,
            List<LinkProxy> lines,
            List<JournalDisk> disks,
            Map<String, RecordingPrinter> printers) {
        this.servers = List.copyOf(servers);
        this.database = database;
        this.stores = stores;
        this.agents = agents;
        this.lines = lines;
        this.disks = disks;
        this.printers = printers;
    }

    static String printerKey(String store, String printer) {
        return store + "/" + printer;
    }

    /** Runs the schedule from {@code start}; returns when its last fault has begun (or ended, for the server's). */
    void run(List<Fault> schedule, Instant start) throws InterruptedException {
        for (Fault fault : schedule) {
            long wait = Duration.between(Instant.now(), start.plus(fault.at())).toMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            Instant began = Instant.now();
            try {
                inject(fault, began);
            } catch (Exception e) {
                record(new Injected(fault, began, Instant.now(), e.toString()));
                System.err.println("fault " + fault.describe(stores) + " failed: " + e);
            }
        }
    }

    private void inject(Fault fault, Instant began) throws Exception {
        ServerProcess server = servers.get(Math.floorMod(fault.store(), servers.size()));
        switch (fault.kind()) {
            case SERVER_KILL -> {
                server.kill();
                Thread.sleep(fault.lasts().toMillis());
                server.start();
                record(new Injected(fault, began, Instant.now(), null));
            }
            case SERVER_TERM -> {
                server.terminate();
                Thread.sleep(fault.lasts().toMillis());
                server.start();
                record(new Injected(fault, began, Instant.now(), null));
            }
            case SERVER_PAUSE -> {
                server.pause();
                Thread.sleep(fault.lasts().toMillis());
                server.resume();
                record(new Injected(fault, began, Instant.now(), null));
            }
            case DATABASE_RESTART -> {
                database.restart();
                record(new Injected(fault, began, Instant.now(), null));
            }
            case AGENT_KILL -> {
                AgentProcess agent = agents.get(fault.store());
                agent.kill();
                later(fault, began, agent::start);
            }
            case LINK_CUT -> {
                lines.get(fault.store()).cut();
                record(new Injected(fault, began, began, null));
            }
            case LINK_STALL -> {
                LinkProxy line = lines.get(fault.store());
                line.stall();
                later(fault, began, line::heal);
            }
            case LINK_BLACK_HOLE -> {
                LinkProxy line = lines.get(fault.store());
                line.blackHole();
                later(fault, began, line::heal);
            }
            case DISK_FULL -> {
                JournalDisk disk = disks.get(fault.store());
                disk.fill();
                later(fault, began, disk::free);
            }
            case PAPER_OUT -> printerFault(fault, began, RecordingPrinter::paperOut);
            case COVER_OPEN -> printerFault(fault, began, RecordingPrinter::coverOpen);
            case PRINTER_OFFLINE -> printerFault(fault, began, RecordingPrinter::offline);
            case PRINTER_MUTE -> printerFault(fault, began, RecordingPrinter::mute);
        }
    }

    private interface PrinterCondition {
        void set(RecordingPrinter printer, boolean on);
    }

    private interface Ending {
        void run() throws Exception;
    }

    private void printerFault(Fault fault, Instant began, PrinterCondition condition) {
        RecordingPrinter printer = printers.get(printerKey(stores.get(fault.store()), fault.printer()));
        condition.set(printer, true);
        later(fault, began, () -> condition.set(printer, false));
    }

    private void later(Fault fault, Instant began, Ending ending) {
        timers.schedule(
                () -> {
                    String error = null;
                    try {
                        ending.run();
                    } catch (Exception e) {
                        error = e.toString();
                    }
                    record(new Injected(fault, began, Instant.now(), error));
                },
                fault.lasts().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void record(Injected fault) {
        synchronized (injected) {
            injected.add(fault);
        }
    }

    /** Waits for the faults still on a timer to end, then heals whatever is left. */
    void healAll() throws InterruptedException {
        timers.shutdown();
        timers.awaitTermination(1, TimeUnit.MINUTES);
        lines.forEach(LinkProxy::heal);
        for (JournalDisk disk : disks) {
            try {
                disk.free();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("could not free a journal disk: " + e.getMessage(), e);
            }
        }
        for (RecordingPrinter printer : printers.values()) {
            printer.paperOut(false);
            printer.coverOpen(false);
            printer.offline(false);
            printer.mute(false);
        }
        for (AgentProcess agent : agents) {
            try {
                agent.start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("could not start an agent again: " + e.getMessage(), e);
            }
        }
    }

    List<Injected> injected() {
        synchronized (injected) {
            return List.copyOf(injected);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}
