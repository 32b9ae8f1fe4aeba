package io.printbridge.faults.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** The {@code --name=value} arguments of the harness's command-line tools (soak, throughput). */
final class ToolArguments {

    private ToolArguments() {}

    /** The arguments by name; exits with 2, saying which, on one not of the form {@code --name=value}. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                System.err.println("argument " + arg + ": expected --name=value");
                System.exit(2);
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    /** {@code --server-jar}; exits with 2 if it is not a file. */
    static Path serverJar(Map<String, String> options) {
        Path serverJar = Path.of(options.getOrDefault("server-jar", ""));
        if (!Files.isRegularFile(serverJar)) {
            System.err.println("--server-jar=" + serverJar + ": expected the packaged server jar");
            System.exit(2);
        }
        return serverJar;
    }
}
