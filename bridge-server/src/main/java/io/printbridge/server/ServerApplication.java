package io.printbridge.server;

import io.micronaut.runtime.Micronaut;
import io.printbridge.server.cli.TokensCommand;

/** The cloud side: holds the agents' streams, keeps the jobs, serves the ERP's REST API. */
public final class ServerApplication {

    private ServerApplication() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("tokens")) {
            System.exit(TokensCommand.run(args, System.out, System.err));
        }
        Micronaut.build(args).mainClass(ServerApplication.class).start();
    }
}
