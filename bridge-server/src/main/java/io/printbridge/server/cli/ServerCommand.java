package io.printbridge.server.cli;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.admin.TokenRefusedException;
import io.printbridge.server.identity.EnrolmentRefusedException;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code bridge-server}: the server's jar as a command line. Without arguments (or with only
 * {@code --name=value} settings for Micronaut) it starts the server; that is decided by
 * {@link #startsTheServer} before picocli sees anything. Otherwise the first word is a command:
 * {@code tokens} today, each a class of its own listed in {@code subcommands}.
 */
@Command(
        name = "bridge-server",
        description = "The printer bridge's server. Without a command it starts the server.",
        subcommands = {
            TokensCommand.class,
            StoresCommand.class,
            EnrolCodesCommand.class,
            CaCommand.class,
            DashboardUsersCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ServerCommand implements Runnable {

    /** The Micronaut environment of a command-line run: nothing that a running server schedules starts in it. */
    public static final String ENVIRONMENT = "cli";

    private static final Set<String> HELP = Set.of("-h", "--help");

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    private final CliEnvironment environment;

    ServerCommand(CliEnvironment environment) {
        this.environment = requireNonNull(environment, "environment");
    }

    CliEnvironment environment() {
        return environment;
    }

    @Override
    public void run() {
        // Only reached with arguments that are neither a command nor a server setting.
        throw new ParameterException(
                spec.commandLine(),
                "expected a command (tokens, stores, enrol-codes, ca, dashboard-users, backup, restore), or no arguments to start"
                        + " the server");
    }

    /**
     * Whether {@code args} start the server, as they always did: no arguments, or arguments that
     * are all options for Micronaut ({@code --micronaut.server.port=9090}), but not {@code --help}.
     */
    public static boolean startsTheServer(String[] args) {
        return args.length == 0 || (args[0].startsWith("-") && !HELP.contains(args[0]));
    }

    /** Runs one command line; returns the exit status (0, 1 or 2) instead of exiting. */
    public static int execute(String[] args, CliEnvironment environment, PrintWriter out, PrintWriter err) {
        return new CommandLine(new ServerCommand(environment))
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((e, ignored) -> {
                    // What was wrong, picocli's suggestion for a misspelling, then always the usage.
                    CommandLine command = e.getCommandLine();
                    command.getErr().println("bridge-server: " + e.getMessage());
                    UnmatchedArgumentException.printSuggestions(e, command.getErr());
                    command.usage(command.getErr());
                    return command.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    PrintWriter stderr = command.getErr();
                    if (e instanceof TokenRefusedException
                            || e instanceof EnrolmentRefusedException
                            || e instanceof CliRefusal) {
                        // The request was understood and refused (a taken name): the user's to change, like a wrong
                        // option.
                        stderr.println("bridge-server: " + e.getMessage());
                        return command.getCommandSpec().exitCodeOnInvalidInput();
                    }
                    stderr.println("bridge-server: " + e.getMessage());
                    if (!(e instanceof CliFailure)) {
                        e.printStackTrace(stderr); // not a situation we foresaw: whoever reports it needs the trace
                    }
                    return command.getCommandSpec().exitCodeOnExecutionException();
                })
                .execute(args);
    }
}
