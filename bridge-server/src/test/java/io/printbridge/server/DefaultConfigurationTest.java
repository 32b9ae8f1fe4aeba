package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.printbridge.certs.DevCertificates;
import io.printbridge.server.grpc.AgentLinkServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server starts on its shipped defaults (application.yml), as on a fresh VPS: only the
 * certificate files and ports are given, the database is the default H2 file under ./data.
 */
class DefaultConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void serverStartsOnTheDefaultDatabaseSettings() throws Exception {
        DevCertificates certs = DevCertificates.create(dir.resolve("certs"), List.of("a"));
        Path data = Path.of("data");
        boolean existed = Files.exists(data);
        try (ApplicationContext server = ApplicationContext.run(Map.of(
                "bridge.grpc.port", 0,
                "bridge.grpc.certificate", certs.serverCertificate().toString(),
                "bridge.grpc.key", certs.serverKey().toString(),
                "bridge.grpc.client-ca", certs.caCertificate().toString()))) {
            assertThat(server.getProperty("bridge.data-dir", String.class)).contains("./data");
            assertThat(server.getBean(AgentLinkServer.class).port()).isPositive();
            assertThat(Files.exists(data.resolve("bridge.mv.db"))).isTrue();
        } finally {
            if (!existed) {
                try (var files = Files.walk(data)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
