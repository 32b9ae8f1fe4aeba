package io.printbridge.server.cli;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a command line run takes from its process, passed in so that tests can run commands
 * in-process with their own database and variables.
 *
 * @param variables environment variables ({@code BRIDGE_ADMIN_TOKEN})
 * @param properties configuration added to the server's for the database context (tests: the
 *     database; a real run: none, the server's files, {@code -D} and variables apply)
 * @param user who runs it, for the audit log
 */
public record CliEnvironment(Map<String, String> variables, Map<String, Object> properties, String user) {

    public CliEnvironment {
        variables = Map.copyOf(requireNonNull(variables, "variables"));
        properties = Map.copyOf(requireNonNull(properties, "properties"));
        requireNonNull(user, "user");
    }

    /** The running process's. */
    public static CliEnvironment ofProcess() {
        return new CliEnvironment(System.getenv(), Map.of(), System.getProperty("user.name", "unknown"));
    }

    /** How the audit log names a command-line user ({@code cli:alice}), within its column. */
    String auditName() {
        String name = "cli:" + user;
        return name.length() <= 100 ? name : name.substring(0, 100);
    }
}
