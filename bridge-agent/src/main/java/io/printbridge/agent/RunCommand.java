package io.printbridge.agent;

import io.printbridge.agent.config.AgentConfig;
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

    /** Runs the agent until the process is stopped (a signal, Ctrl+C); returns 0 then. */
    static int run(AgentConfig config) throws Exception {
        RunningAgent agent = RunningAgent.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            agent.close();
                            stopped.countDown();
                        },
                        "agent-shutdown"));
        stopped.await();
        return 0;
    }
}
