package io.printbridge.agent;

import io.printbridge.agent.config.AgentConfig;
import io.printbridge.agent.config.PrinterConfig;
import io.printbridge.agent.config.PrinterTransports;
import io.printbridge.agent.exec.FileExecutionJournal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code bridge-agent run [--config FILE]}: connect to the server and execute its commands until stopped. */
@Command(
        name = "run",
        description = "Connects to the server and prints what it sends, until stopped (the default command).")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    AgentMain main;

    @Mixin
    HelpOption help;

    @Mixin
    ConfigFileOption config;

    @Override
    public Integer call() throws Exception {
        return run(config.load(main.environment(), logWarnings()));
    }

    /** Configuration warnings go to the log, where the service's output is kept. */
    static Consumer<String> logWarnings() {
        return log::warn;
    }

    /** Runs the agent until the process is stopped; returns 0 then. */
    static int run(AgentConfig config) throws Exception {
        Files.createDirectories(config.dataDirectory());
        AgentLogFile.start(config.logDirectory());
        FileExecutionJournal journal =
                FileExecutionJournal.open(config.dataDirectory().resolve("journal"), AgentMain.JOURNAL_CAPACITY, true);
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
        Agent agent = Agent.start(
                config.link(), config.tls(), config.renewal(), printers, journal, config.statusPollInterval());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("stopping");
                            agent.close();
                            journal.close();
                            stopped.countDown();
                        },
                        "agent-shutdown"));
        stopped.await();
        return 0;
    }
}
