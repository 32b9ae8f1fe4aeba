package io.printbridge.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** One in-process run of {@code bridge-server ...}: its exit status and what it wrote where. */
record CommandLine(int exit, String out, String err) {

    /** Runs {@code args} on the H2 database in {@code dataDir}, with {@code variables} as its environment. */
    static CommandLine run(Path dataDir, Map<String, String> variables, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ServerCommand.execute(
                args, environment(dataDir, variables), new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandLine(exit, out.toString(), err.toString());
    }

    /** Runs {@code args} on the H2 database in {@code dataDir}, with {@code properties} added to the server's configuration. */
    static CommandLine runWith(Path dataDir, Map<String, Object> properties, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        java.util.Map<String, Object> all = new java.util.HashMap<>(properties);
        all.put("bridge.data-dir", dataDir.toString());
        int exit = ServerCommand.execute(
                args,
                new CliEnvironment(Map.of(), all, "alice"),
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new CommandLine(exit, out.toString(), err.toString());
    }

    static CliEnvironment environment(Path dataDir, Map<String, String> variables) {
        return new CliEnvironment(variables, Map.of("bridge.data-dir", dataDir.toString()), "alice");
    }
}
