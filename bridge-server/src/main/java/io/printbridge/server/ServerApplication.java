package io.printbridge.server;

import io.micronaut.runtime.Micronaut;

/** The cloud side: holds the agents' streams, keeps the jobs, serves the ERP's REST API. */
public final class ServerApplication {

    private ServerApplication() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ServerApplication.class).start();
    }
}
