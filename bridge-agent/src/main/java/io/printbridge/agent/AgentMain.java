package io.printbridge.agent;

import io.printbridge.agent.config.ConfigException;
import io.printbridge.agent.exec.CorruptJournalException;
import io.printbridge.agent.printer.virtual.VirtualPrinterCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code bridge-agent [run|printers|virtual-printer|help] [options]}.
 *
 * <ul>
 *   <li>{@code run} (the default): connect to the server and execute its commands until stopped;</li>
 *   <li>{@code enroll --server HOST:PORT --code CODE}: the first start of a shop's PC, with a one-time
 *       code from IT: its key pair, its certificate and its configuration;</li>
 *   <li>{@code printers}: for the technician at the till, the configured printers with their
 *       status, and the USB printers this PC can see;</li>
 *   <li>{@code virtual-printer --port 9100}: a software ESC/POS printer on TCP, to try things
 *       without hardware.</li>
 * </ul>
 * The configuration file is {@code --config FILE}, else {@code BRIDGE_AGENT_CONFIG}, else
 * {@code agent.properties} in the working directory if it exists; environment variables
 * override it (see agent.example.properties).
 *
 * <p>Exit status: 0 done, 1 failed (a printer not ready for {@code printers}, the journal in use),
 * 2 wrong command line or configuration (unknown or misspelt option, missing value, a bad
 * setting; the command line's usage goes to standard error). Each command is a class of its own;
 * a new one is one more entry in {@code subcommands}.
 */
@Command(
        name = "bridge-agent",
        description = "The shop side of the printer bridge: dials out to the server and drives this PC's printers.",
        subcommands = {
            RunCommand.class,
            EnrollCommand.class,
            PrintersCommand.class,
            VirtualPrinterCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AgentMain implements Callable<Integer> {

    /** Commands the journal remembers: far more than a shop prints between two reconnects. */
    static final int JOURNAL_CAPACITY = 10_000;

    @Mixin
    HelpOption help;

    /** So that {@code bridge-agent --config FILE} runs, as {@code bridge-agent run --config FILE} does. */
    @Mixin
    ConfigFileOption config;

    private final Map<String, String> environment;

    AgentMain(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The process's environment variables, or a test's. */
    Map<String, String> environment() {
        return environment;
    }

    @Override
    public Integer call() throws Exception {
        return RunCommand.run(config.load(environment, RunCommand.logWarnings()));
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, System.getenv(), out, err));
    }

    /** Runs one command line; returns the exit status (0, 1 or 2) instead of exiting. */
    public static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return new CommandLine(new AgentMain(environment))
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((e, ignored) -> {
                    // What was wrong, picocli's suggestion for a misspelling, then always the usage.
                    CommandLine command = e.getCommandLine();
                    command.getErr().println("bridge-agent: " + e.getMessage());
                    UnmatchedArgumentException.printSuggestions(e, command.getErr());
                    command.usage(command.getErr());
                    return command.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    PrintWriter stderr = command.getErr();
                    if (e instanceof ConfigException) {
                        // A wrong setting is the user's input, like a wrong option: 2, as before picocli.
                        stderr.println("bridge-agent: configuration: " + e.getMessage());
                        return command.getCommandSpec().exitCodeOnInvalidInput();
                    }
                    if (e instanceof CorruptJournalException) {
                        stderr.println("bridge-agent: " + e.getMessage()); // names the file and offset, and what to do
                        return command.getCommandSpec().exitCodeOnInvalidInput();
                    }
                    stderr.println("bridge-agent: " + e.getMessage());
                    if (e instanceof RuntimeException) {
                        e.printStackTrace(stderr); // a bug, not a situation: whoever reports it needs the trace
                    }
                    return command.getCommandSpec().exitCodeOnExecutionException();
                })
                .execute(args);
    }
}
