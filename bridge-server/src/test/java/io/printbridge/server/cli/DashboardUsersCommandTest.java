package io.printbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.printbridge.server.dashboard.users.DashboardUser;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge-server dashboard-users create}: the first admin, the password from standard input. */
class DashboardUsersCommandTest {

    @TempDir
    Path dir;

    @Test
    void createsAnAdminWhosePasswordComesFromStandardInputAndSaysWhereToLogIn() {
        CommandLine create =
                withStdin("s3cret-enough-pass\n", "dashboard-users", "create", "--user", "amina", "--role", "admin");

        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).isEmpty();
        assertThat(create.err())
                .contains("created dashboard user amina (admin, fr, Africa/Algiers)")
                .contains("/dashboard");
        try (ApplicationContext context = database()) {
            DashboardUsers users = context.getBean(DashboardUsers.class);
            Optional<DashboardUser> amina = users.authenticate("amina", "s3cret-enough-pass");
            assertThat(amina).map(DashboardUser::role).contains(Role.ADMIN);
            assertThat(users.authenticate("amina", "another password")).isEmpty();
        }
    }

    @Test
    void aShortPasswordOrAnUnknownRoleIsRefusedAndNobodyIsCreated() {
        CommandLine shortPassword =
                withStdin("short\n", "dashboard-users", "create", "--user", "bob", "--role", "viewer");
        CommandLine badRole =
                withStdin("long enough password\n", "dashboard-users", "create", "--user", "bob", "--role", "boss");

        assertThat(shortPassword.exit()).isEqualTo(2);
        assertThat(shortPassword.err()).contains("password: 5 characters (expected: 10 to 200)");
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err()).contains("role: \"boss\" (expected: one of viewer, operator, admin)");
        try (ApplicationContext context = database()) {
            assertThat(context.getBean(DashboardUsers.class).find("bob")).isEmpty();
        }
    }

    private CommandLine withStdin(String input, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return CommandLine.run(dir.resolve("data"), Map.of(), args);
        } finally {
            System.setIn(before);
        }
    }

    private ApplicationContext database() {
        return DatabaseTokens.startContext(CommandLine.environment(dir.resolve("data"), Map.of()));
    }
}
