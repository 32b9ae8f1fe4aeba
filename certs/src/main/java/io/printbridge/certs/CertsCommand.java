package io.printbridge.certs;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The certificate tool for IT staff. Plain Java, so it runs the same on the Windows till PC
 * and on the Linux VPS: {@code java -jar certs-cli.jar <command> [--option value]...}
 *
 * <pre>
 *   init-ca  --dir DIR [--name NAME] [--days 3650]        creates DIR/ca.pem and DIR/ca.key
 *   server   --dir DIR --host H[,H...] [--days 825]       creates DIR/server.pem, DIR/server.key
 *   agent    --dir DIR --store STORE_ID [--days 397]      creates DIR/agent-STORE_ID.pem/.key
 *   dev      --dir DIR [--store ID[,ID...]]               all of the above for localhost (demo)
 * </pre>
 *
 * Exit status: 0 done, 1 failed (a file could not be read or written), 2 wrong command line
 * (unknown or misspelt option, missing value; the usage goes to standard error).
 */
@Command(
        name = "certs",
        description = "Creates the store CA, the server's certificate and the agents' certificates.",
        subcommands = {
            InitCaCommand.class,
            ServerCertificateCommand.class,
            AgentCertificateCommand.class,
            DevCertificatesCommand.class,
            CommandLine.HelpCommand.class
        })
public final class CertsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no command given (expected: init-ca, server, agent or dev)");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err));
    }

    /** Runs one command line; returns the exit status (0, 1 or 2) instead of exiting. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new CertsCommand())
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((e, ignored) -> {
                    // What was wrong, picocli's suggestion for a misspelling, then always the usage.
                    CommandLine command = e.getCommandLine();
                    command.getErr().println("certs: " + e.getMessage());
                    UnmatchedArgumentException.printSuggestions(e, command.getErr());
                    command.usage(command.getErr());
                    return command.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // A failure of the work itself, not of the command line: the message is enough.
                    cmd.getErr().println("certs: " + e.getMessage());
                    return cmd.getCommandSpec().exitCodeOnExecutionException();
                });
        return line.execute(args);
    }
}
