package io.printbridge.server.grpc;

import static io.printbridge.server.grpc.SessionTicketKeysTest.materials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.printbridge.certs.DevCertificates;
import io.printbridge.certs.Pem;
import io.printbridge.server.grpc.TicketKeyFile.StoredKey;
import io.printbridge.server.testing.MovableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Keys derived from a cluster's shared secret: the same on every server given the same secret and
 * store CAs, rotated by the calendar, changed everywhere with the CAs, and never written to a file.
 */
class SharedTicketSecretTest {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final List<SessionTicketKeys> started = new ArrayList<>();
    private SslContext context;
    private X509Certificate storeCa;
    private X509Certificate otherCa;
    private Path secret;

    @BeforeEach
    void context() throws Exception {
        DevCertificates certs = DevCertificates.create(dir.resolve("certs"), List.of());
        context = SessionTicketKeysTest.serverContext(certs);
        storeCa = Pem.readCertificate(certs.caCertificate());
        otherCa = DevCertificates.create(dir.resolve("other"), List.of()).ca().certificate();
        secret = writeSecret("secret", 32);
    }

    @AfterEach
    void close() {
        started.forEach(SessionTicketKeys::close);
    }

    @Test
    void twoServersGivenTheSameSecretServeTheSameKeysAndWriteNoFile() throws Exception {
        SessionTicketKeys first = start("first", secret, List.of(storeCa, otherCa));
        clock.advance(Duration.ofMinutes(7));
        SessionTicketKeys second = start("second", secret, List.of(otherCa, storeCa));

        assertThat(materials(second.keys())).isEqualTo(materials(first.keys()));
        assertThat(first.keys()).hasSize(4);
        assertThat(dir.resolve("first")).doesNotExist();
        assertThat(dir.resolve("second")).doesNotExist();
    }

    @Test
    void aServerSwitchedToTheSecretRemovesTheKeyFileItKeptBefore() throws Exception {
        Path ownKeys = dir.resolve("first").resolve("tls-ticket-keys");
        SessionTicketKeys alone = new SessionTicketKeys(new TicketKeyFile(ownKeys), null, clock, new SecureRandom());
        started.add(alone);
        alone.serve(context, List.of(storeCa));
        assertThat(ownKeys).exists();

        SessionTicketKeys shared = start("first", secret, List.of(storeCa));

        assertThat(ownKeys).doesNotExist();
        assertThat(materials(shared.keys())).doesNotContainAnyElementsOf(materials(alone.keys()));
    }

    @Test
    void anotherSecretGivesOtherKeys() throws Exception {
        List<StoredKey> ours = start("first", secret, List.of(storeCa)).keys();
        List<StoredKey> theirs =
                start("second", writeSecret("theirs", 32), List.of(storeCa)).keys();

        assertThat(materials(theirs)).doesNotContainAnyElementsOf(materials(ours));
    }

    @Test
    void theDaysKeyEncryptsTheNextDaysOpensAndTheTwoDaysBeforeStillOpen() throws Exception {
        SessionTicketKeys keys = start("first", secret, List.of(storeCa));
        List<StoredKey> today = keys.keys();
        assertThat(today)
                .extracting(StoredKey::created)
                .containsExactly(
                        Instant.parse("2026-12-06T00:00:00Z"),
                        Instant.parse("2026-12-07T00:00:00Z"),
                        Instant.parse("2026-12-05T00:00:00Z"),
                        Instant.parse("2026-12-04T00:00:00Z"));

        clock.advance(Duration.ofHours(16)); // 2026-12-07T00:00Z
        keys.rotateIfDue();

        List<String> tomorrow = materials(keys.keys());
        // Yesterday's "next" key encrypts now; the key of 12-04 (its last ticket made at 12-05T00:00,
        // alive 48 h) is dropped exactly as its tickets expire.
        assertThat(tomorrow.get(0)).isEqualTo(materials(today).get(1));
        assertThat(tomorrow).contains(materials(today).get(0), materials(today).get(2));
        assertThat(tomorrow).doesNotContain(materials(today).get(3));
    }

    @Test
    void aChangedSetOfStoreCasChangesEveryKeyAndTheSameSetGivesThemBack() throws Exception {
        SessionTicketKeys keys = start("first", secret, List.of(storeCa, otherCa));
        List<String> both = materials(keys.keys());

        keys.storeCasChanged(List.of(storeCa));
        assertThat(materials(keys.keys())).doesNotContainAnyElementsOf(both);

        keys.storeCasChanged(List.of(otherCa, storeCa));
        assertThat(materials(keys.keys())).isEqualTo(both);
    }

    @Test
    void aSecretFileThatIsMissingShortOrNotBase64IsNamedWithWhatWasExpected() throws Exception {
        assertThatThrownBy(() -> SharedTicketSecret.read(dir.resolve("absent")))
                .hasMessageContaining("bridge.grpc.ticket-secret")
                .hasMessageContaining("absent: no such file")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> SharedTicketSecret.read(writeSecret("short", 16)))
                .hasMessageContaining("16 bytes of secret (expected: at least 32");
        Path notBase64 = dir.resolve("not-base64");
        Files.writeString(notBase64, "this is not base64 at all!\n", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SharedTicketSecret.read(notBase64)).hasMessageContaining("not base64");
        Path notAscii = dir.resolve("not-ascii");
        Files.writeString(notAscii, "clé secrète", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SharedTicketSecret.read(notAscii)).hasMessageContaining("not base64");
        Path wrapped = dir.resolve("wrapped");
        String long64 = Base64.getEncoder().encodeToString(new byte[64]);
        Files.writeString(wrapped, long64.substring(0, 64) + "\n" + long64.substring(64) + "\n");
        assertThat(SharedTicketSecret.read(wrapped).path()).isEqualTo(wrapped);
        Path large = dir.resolve("large");
        Files.write(large, new byte[10_000]);
        assertThatThrownBy(() -> SharedTicketSecret.read(large))
                .hasMessageContaining("10000 bytes (expected: one line of base64, at most 4096 bytes)");
    }

    @Test
    void aServerGivenASecretItCannotReadDoesNotStart() {
        assertThatThrownBy(() -> new SessionTicketKeys(
                        dir.resolve("data").toString(),
                        "",
                        dir.resolve("absent").toString(),
                        clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no such file");
    }

    @Test
    void theSecretIsNeverPrinted() throws Exception {
        String text = Files.readString(secret).strip();

        assertThat(SharedTicketSecret.read(secret).toString()).doesNotContain(text);
    }

    private Path writeSecret(String name, int bytes) throws Exception {
        byte[] material = new byte[bytes];
        new SecureRandom().nextBytes(material);
        Path file = dir.resolve(name);
        Files.writeString(file, Base64.getEncoder().encodeToString(material) + "\n", StandardCharsets.US_ASCII);
        return file;
    }

    private SessionTicketKeys start(String server, Path secretFile, List<X509Certificate> cas) throws Exception {
        SessionTicketKeys keys = new SessionTicketKeys(
                new TicketKeyFile(dir.resolve(server).resolve("tls-ticket-keys")),
                SharedTicketSecret.read(secretFile),
                clock,
                new SecureRandom());
        started.add(keys);
        keys.serve(context, cas);
        return keys;
    }
}
