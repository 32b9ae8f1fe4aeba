package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.printbridge.certs.DevCertificates;
import io.printbridge.certs.Pem;
import io.printbridge.server.grpc.TicketKeyFile.StoredKey;
import io.printbridge.server.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ticket keys: kept in their file across starts, rotated daily, dropped when no ticket can use them. */
class SessionTicketKeysTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final List<SessionTicketKeys> started = new ArrayList<>();
    private SslContext context;
    private X509Certificate storeCa;
    private Path file;

    @BeforeEach
    void context() throws Exception {
        DevCertificates certs = DevCertificates.create(dir.resolve("certs"), List.of());
        context = serverContext(certs);
        storeCa = Pem.readCertificate(certs.caCertificate());
        file = dir.resolve("data").resolve("tls-ticket-keys");
    }

    @AfterEach
    void close() {
        started.forEach(SessionTicketKeys::close);
    }

    @Test
    void theFirstStartMakesOneKeyAndWritesItOwnerOnly() throws Exception {
        SessionTicketKeys keys = start();

        assertThat(keys.keys()).hasSize(1);
        assertThat(keys.keys().get(0).created()).isEqualTo(clock.instant());
        assertThat(new TicketKeyFile(file).read()).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void theNextStartServesTheSameKey() throws Exception {
        byte[] first = start().keys().get(0).material();
        clock.advance(Duration.ofHours(3));

        List<StoredKey> again = start().keys();

        assertThat(again).hasSize(1);
        assertThat(again.get(0).material()).isEqualTo(first);
    }

    @Test
    void aDayLaterANewKeyComesFirstAndTheOldOneStaysUntilItsTicketsHaveExpired() throws Exception {
        SessionTicketKeys keys = start();
        byte[] first = keys.keys().get(0).material();

        clock.advance(Duration.ofHours(23));
        keys.rotateIfDue();
        assertThat(keys.keys()).hasSize(1);

        clock.advance(Duration.ofHours(2));
        keys.rotateIfDue();
        assertThat(keys.keys()).hasSize(2);
        assertThat(keys.keys().get(0).material()).isNotEqualTo(first);
        assertThat(keys.keys().get(1).material()).isEqualTo(first);
        byte[] second = keys.keys().get(0).material();

        // The first key encrypted its last ticket 24 h after it was made; that ticket lives 48 h.
        clock.advance(Duration.ofHours(48));
        keys.rotateIfDue();
        assertThat(keys.keys()).extracting(k -> k.material()).doesNotContain(first);
        assertThat(keys.keys().get(1).material()).isEqualTo(second);
        assertThat(new TicketKeyFile(file).read()).hasSize(2);
    }

    @Test
    void aStoreCaTrustedNoMoreDropsEveryKey() throws Exception {
        SessionTicketKeys keys = start();
        clock.advance(Duration.ofHours(25));
        keys.rotateIfDue();
        List<StoredKey> before = keys.keys();

        keys.storeCasChanged(List.of());

        assertThat(keys.keys()).hasSize(1);
        assertThat(keys.keys().get(0).material())
                .isNotEqualTo(before.get(0).material())
                .isNotEqualTo(before.get(1).material());
        assertThat(new TicketKeyFile(file).read()).hasSize(1);
    }

    @Test
    void aStoreCaAddedKeepsTheKeys() throws Exception {
        SessionTicketKeys keys = start();
        List<StoredKey> before = keys.keys();

        keys.storeCasChanged(List.of(
                storeCa,
                DevCertificates.create(dir.resolve("other"), List.of()).ca().certificate()));

        assertThat(materials(keys.keys())).isEqualTo(materials(before));
    }

    @Test
    void aFileThatIsNotKeysIsReplacedByANewKey() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "2026-12-06T08:00:00Z not-base64!\n", StandardCharsets.US_ASCII);

        SessionTicketKeys keys = start();

        assertThat(keys.keys()).hasSize(1);
        assertThat(new TicketKeyFile(file).read()).hasSize(1);
    }

    @Test
    void aLineThatIsNotAKeyIsNamedWithWhatWasExpected() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# comment\n2026-12-06T08:00:00Z AAAA\n", StandardCharsets.US_ASCII);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TicketKeyFile(file).read())
                .hasMessageContaining("line 2")
                .hasMessageContaining("expected: <created, ISO-8601> <48 bytes in base64>")
                .hasMessageContaining("not 3");
    }

    /** A server TLS context as the agents' port builds it: on BoringSSL, with its session tickets. */
    static SslContext serverContext(DevCertificates certs) throws Exception {
        return GrpcSslContexts.configure(SslContextBuilder.forServer(
                        certs.serverCertificate().toFile(), certs.serverKey().toFile()))
                .build();
    }

    static List<String> materials(List<StoredKey> keys) {
        return keys.stream()
                .map(key -> Base64.getEncoder().encodeToString(key.material()))
                .toList();
    }

    private SessionTicketKeys start() {
        SessionTicketKeys keys = new SessionTicketKeys(new TicketKeyFile(file), null, clock, new SecureRandom());
        started.add(keys);
        keys.serve(context, List.of(storeCa));
        return keys;
    }
}
