package io.printbridge.server;

import io.micronaut.runtime.Micronaut;
import io.printbridge.server.cli.CliEnvironment;
import io.printbridge.server.cli.ServerCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The cloud side: holds the agents' streams, keeps the jobs, serves the ERP's REST API. The same
 * jar is the administration command line ({@code bridge-server tokens ...}, see {@link ServerCommand}).
 */
public final class ServerApplication {

    /** Logback's configuration for a command-line run: everything on standard error, warnings only. */
    static final String CLI_LOGGING = "logback-cli.xml";

    private ServerApplication() {}

    public static void main(String[] args) {
        if (ServerCommand.startsTheServer(args)) {
            Micronaut.build(args).mainClass(ServerApplication.class).start();
            return;
        }
        // Before anything logs: standard output is for the command's answer alone (a new token).
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", CLI_LOGGING);
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(ServerCommand.execute(args, CliEnvironment.ofProcess(), out, err));
    }
}
