package io.printbridge.server.cli;

import io.micronaut.context.ApplicationContext;
import io.printbridge.server.dashboard.users.DashboardUser;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code dashboard-users create --user NAME --role admin}: a dashboard user, on the server's
 * database directly (like {@code tokens create} without {@code --server}). The password is asked
 * twice on the terminal without echo, or read as the first line of standard input when that is
 * not a terminal ({@code printf %s "$PW" | …}); never from an argument, which {@code ps} shows.
 */
@Command(name = "create", description = "Creates a dashboard user; the password is read from the terminal or stdin.")
final class CreateDashboardUserCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    DashboardUsersCommand parent;

    @Mixin
    HelpOption help;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The login name.")
    String user;

    @Option(
            names = "--role",
            defaultValue = "viewer",
            paramLabel = "ROLE",
            description = "viewer (sees), operator (and acts on shops) or admin (and manages users); default viewer.")
    String role;

    @Option(
            names = "--locale",
            defaultValue = "fr",
            paramLabel = "LANG",
            description = "fr (default) or en: the dashboard's language for this user.")
    String locale;

    @Option(
            names = "--time-zone",
            defaultValue = DashboardUsers.DEFAULT_TIME_ZONE,
            paramLabel = "ZONE",
            description = "Dates are shown in this zone (default ${DEFAULT-VALUE}).")
    String zone;

    @Override
    public Integer call() {
        Role parsed;
        try {
            parsed = Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), String.valueOf(e.getMessage()));
        }
        String password = readPassword();
        CliEnvironment environment = parent.environment();
        DashboardUser created;
        String address;
        try (ApplicationContext context = openDatabase(environment)) {
            created = context.getBean(DashboardUsers.class)
                    .create(environment.auditName(), user, password, parsed, locale, zone);
            address = "http://"
                    + context.getProperty("micronaut.server.host", String.class).orElse("127.0.0.1") + ":"
                    + context.getProperty("micronaut.server.port", Integer.class)
                            .orElse(8080) + "/dashboard";
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), String.valueOf(e.getMessage()));
        }
        spec.commandLine()
                .getErr()
                .println("created dashboard user " + created.name() + " ("
                        + created.role().name().toLowerCase(Locale.ROOT) + ", "
                        + created.locale().getLanguage() + ", "
                        + created.timeZone().getId() + "); log in at " + address
                        + " (behind your HTTPS reverse proxy: https://<your host>/dashboard)");
        return 0;
    }

    private String readPassword() {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("password for %s: ", user);
            char[] second = console.readPassword("again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new ParameterException(
                        spec.commandLine(), "password: the two entries differ (expected: the same twice)");
            }
            return new String(first);
        }
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "password: nothing on standard input (expected: the password on its first line)");
            }
            return line;
        } catch (IOException e) {
            throw new CliFailure("cannot read the password from standard input: " + e.getMessage(), e);
        }
    }

    private static ApplicationContext openDatabase(CliEnvironment environment) {
        try {
            return DatabaseTokens.startContext(environment);
        } catch (RuntimeException e) {
            if (DatabaseTokens.databaseInUse(e)) {
                throw new CliFailure(
                        "the database is in use by a running server: stop it, create the user, start it again"
                                + " (on PostgreSQL this works while it runs)",
                        e);
            }
            throw new CliFailure("cannot open the server's database: " + e.getMessage(), e);
        }
    }
}
