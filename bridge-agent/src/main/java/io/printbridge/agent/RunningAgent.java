package io.printbridge.agent;

import io.printbridge.agent.clock.sync.ClockSettings;
import io.printbridge.agent.clock.sync.ClockSetup;
import io.printbridge.agent.clock.zk.ZkClockConnector;
import io.printbridge.agent.config.AgentConfig;
import io.printbridge.agent.config.PrinterConfig;
import io.printbridge.agent.config.PrinterTransports;
import io.printbridge.agent.exec.FileExecutionJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent as a process runs it, whoever starts that process: {@code bridge-agent run} (a console,
 * systemd) or the Windows service ({@code service.AgentService}, in procrun's JVM). Both need the
 * same steps in the same order, so they live here once: the log file, the journal, the printers,
 * the link; and, to stop, the link first (the stream closes, no new command arrives), then the
 * printers, then the journal, so that no outcome is recorded into a closed journal.
 */
public final class RunningAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningAgent.class);

    private final Agent agent;
    private final FileExecutionJournal journal;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunningAgent(Agent agent, FileExecutionJournal journal) {
        this.agent = agent;
        this.journal = journal;
    }

    /** Starts the agent; returns once its link is dialling the server. */
    public static RunningAgent start(AgentConfig config) throws IOException {
        Files.createDirectories(config.dataDirectory());
        AgentLogFile.start(config.logDirectory());
        FileExecutionJournal journal =
                FileExecutionJournal.open(journalDirectory(config), AgentMain.JOURNAL_CAPACITY, true);
        try {
            List<Agent.PrinterDefinition> printers = new ArrayList<>();
            for (PrinterConfig printer : config.printers()) {
                printers.add(new Agent.PrinterDefinition(
                        printer.settings(),
                        PrinterTransports.open(printer.transport()),
                        printer.transport().kind()));
                log.info(
                        "printer {}{}: {}",
                        printer.settings().name(),
                        printer.settings().isDefault() ? " (default)" : "",
                        printer.transport());
            }
            for (ClockSettings clock : config.clocks()) {
                log.info(
                        "clock {}: {} over {}, zone {}",
                        clock.name(),
                        clock.endpoint().address(),
                        clock.endpoint().transport(),
                        clock.zone());
            }
            Agent agent = Agent.start(
                    config.link(),
                    config.tls(),
                    config.renewal(),
                    printers,
                    journal,
                    config.statusPollInterval(),
                    new ClockSetup(
                            config.clocks(),
                            new ZkClockConnector(),
                            config.dataDirectory().resolve("clocks")));
            return new RunningAgent(agent, journal);
        } catch (IOException | RuntimeException e) {
            journal.close(); // a failed start must not leave the journal locked for the next attempt
            throw e;
        }
    }

    /** Where the journal of executed commands lives for this configuration. */
    public static Path journalDirectory(AgentConfig config) {
        return config.dataDirectory().resolve("journal");
    }

    public Agent agent() {
        return agent;
    }

    /** Stops the link (closing the stream), the printers, then the journal; once, however often called. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("stopping");
        agent.close();
        journal.close();
        log.info("stopped: stream and journal closed");
    }
}
