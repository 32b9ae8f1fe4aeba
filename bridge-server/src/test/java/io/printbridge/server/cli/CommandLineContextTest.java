package io.printbridge.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.scheduling.annotation.Scheduled;
import io.printbridge.certs.DevCertificates;
import io.printbridge.server.admin.TokenAdministration;
import io.printbridge.server.grpc.AgentLinkServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bean context a command line runs in (environment {@code cli}): the database and the token
 * rules, and nothing a running server does on its own: no scheduled method at all, no agents'
 * port. A new {@code @Scheduled} bean without {@code @Requires(notEnv = "cli")} fails here.
 */
class CommandLineContextTest {

    @TempDir
    Path dir;

    @Test
    void noScheduledMethodExistsInTheCommandLineContext() {
        try (ApplicationContext context =
                DatabaseTokens.startContext(CommandLine.environment(dir.resolve("data"), Map.of()))) {
            List<String> scheduled = context.getAllBeanDefinitions().stream()
                    .flatMap(definition -> definition.getExecutableMethods().stream())
                    .filter(method -> method.hasAnnotation(Scheduled.class))
                    .map(method -> method.getDeclaringType().getName() + "." + method.getMethodName())
                    .toList();

            assertThat(scheduled).isEmpty();
            // The job sweeper runs on a timer of its own (no @Scheduled): it must not exist here at all.
            assertThat(beanNames(context)).doesNotContain("JobSweeper");
            assertThat(context.findBean(AgentLinkServer.class)).isEmpty();
            assertThat(context.getBean(TokenAdministration.class)).isNotNull();
        }
    }

    @Test
    void theServersContextStillHasItsScheduledWorkAndTheJobSweeper() throws Exception {
        // The same check on the server's own context, so the test above cannot pass by looking wrong.
        DevCertificates certs = DevCertificates.create(dir.resolve("certs"), List.of("a"));
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "bridge.data-dir", dir.resolve("data").toString(),
                "bridge.grpc.port", 0,
                "bridge.grpc.certificate", certs.serverCertificate().toString(),
                "bridge.grpc.key", certs.serverKey().toString(),
                "bridge.grpc.client-ca", certs.caCertificate().toString()))) {
            List<String> scheduled = context.getAllBeanDefinitions().stream()
                    .flatMap(definition -> definition.getExecutableMethods().stream())
                    .filter(method -> method.hasAnnotation(Scheduled.class))
                    .map(method -> method.getDeclaringType().getSimpleName() + "." + method.getMethodName())
                    .toList();

            assertThat(scheduled).contains("AuditRetention.purge");
            assertThat(beanNames(context)).contains("JobSweeper");
        }
    }

    private static List<String> beanNames(ApplicationContext context) {
        return context.getAllBeanDefinitions().stream()
                .map(definition -> definition.getBeanType().getSimpleName())
                .toList();
    }
}
