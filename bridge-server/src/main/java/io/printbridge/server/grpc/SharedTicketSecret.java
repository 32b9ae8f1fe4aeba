package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.grpc.TicketKeyFile.StoredKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret that the servers of a cluster share, from which each derives the same TLS session ticket
 * keys without talking to the others: a shop whose stream moves to another server (a server lost, a
 * rolling restart behind a load balancer) resumes its session there instead of a full handshake. A
 * key is a pure function of the secret, the day (keys rotate as {@link SessionTicketKeys#ROTATION}
 * periods counted from the epoch) and the set of store CAs trusted, so every server that trusts the
 * same CAs serves the same keys, and a CA trusted no more changes them all on every server at once.
 *
 * <p>The file holds the secret in base64, at least {@value #MIN_BYTES} random bytes ({@code openssl
 * rand -base64 32}); it is as secret as a CA key, since whoever holds it can make tickets taken for
 * any shop's session. The derivation is HKDF-SHA256 (RFC 5869).
 */
final class SharedTicketSecret {

    /** The least secret accepted: the strength of the HMAC key it stands for. */
    static final int MIN_BYTES = 32;

    /** The most a secret file may hold; a secret is a line, not a document. */
    private static final long MAX_FILE_BYTES = 4096;

    private static final byte[] SALT = "printbridge agents' TLS ticket keys".getBytes(StandardCharsets.US_ASCII);
    private static final String HMAC = "HmacSHA256";

    /** Periods before the current one whose keys still open tickets: their tickets' lifetime. */
    private static final int PERIODS_KEPT = (int)
            -Math.floorDiv(-SessionTicketKeys.TICKET_LIFETIME.toSeconds(), SessionTicketKeys.ROTATION.toSeconds());

    private final Path file;
    private final byte[] extracted;

    private SharedTicketSecret(Path file, byte[] secret) {
        this.file = file;
        this.extracted = hmac(SALT, secret);
    }

    /**
     * The secret in {@code file}.
     *
     * @throws IOException when it cannot be read or does not hold {@value #MIN_BYTES} bytes or more
     *     in base64 (the message names the file and what was expected)
     */
    static SharedTicketSecret read(Path file) throws IOException {
        requireNonNull(file, "file");
        String where = "bridge.grpc.ticket-secret " + file.toAbsolutePath();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException(where + ": no such file (expected: the cluster's shared secret, made once"
                    + " with `openssl rand -base64 32` and copied to every server)");
        }
        if (size > MAX_FILE_BYTES) {
            throw new IOException(where + ": " + size + " bytes (expected: one line of base64, at most "
                    + MAX_FILE_BYTES + " bytes)");
        }
        // openssl wraps a long secret at 64 characters: the lines are one secret.
        byte[] secret;
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("\\s+", "");
            secret = Base64.getDecoder().decode(text);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw new IOException(where + ": not base64 (expected: at least " + MIN_BYTES
                    + " random bytes in base64, as `openssl rand -base64 32` prints them)");
        }
        if (secret.length < MIN_BYTES) {
            throw new IOException(where + ": " + secret.length + " bytes of secret (expected: at least " + MIN_BYTES
                    + ", as `openssl rand -base64 32` prints them)");
        }
        return new SharedTicketSecret(file, secret);
    }

    Path path() {
        return file;
    }

    /** Whether others than the file's owner may read it (POSIX file systems only). */
    boolean readableByOthers() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ);
    }

    /**
     * The keys to serve at {@code now} for {@code trustedCas}, in the order BoringSSL takes them (the
     * first encrypts new tickets, the others only open them): the current period's, then the next
     * period's (a server whose clock runs a little ahead of this one already encrypts with it), then
     * those of the periods before whose tickets may still be alive.
     */
    List<StoredKey> keysAt(Instant now, List<X509Certificate> trustedCas) {
        byte[] caSet = caSetDigest(trustedCas);
        long rotation = SessionTicketKeys.ROTATION.toSeconds();
        long current = Math.floorDiv(now.getEpochSecond(), rotation);
        List<StoredKey> keys = new ArrayList<>();
        keys.add(key(current, rotation, caSet));
        keys.add(key(current + 1, rotation, caSet));
        for (long period = current - 1; period >= current - PERIODS_KEPT; period--) {
            keys.add(key(period, rotation, caSet));
        }
        return List.copyOf(keys);
    }

    private StoredKey key(long period, long rotationSeconds, byte[] caSet) {
        byte[] info =
                ByteBuffer.allocate(8 + caSet.length).putLong(period).put(caSet).array();
        return new StoredKey(
                Instant.ofEpochSecond(period * rotationSeconds), expand(info, TicketKeyFile.MATERIAL_BYTES));
    }

    /** HKDF-Expand (RFC 5869, section 2.3) of the extracted secret. */
    private byte[] expand(byte[] info, int length) {
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int written = 0;
        for (int counter = 1; written < length; counter++) {
            byte[] input = ByteBuffer.allocate(block.length + info.length + 1)
                    .put(block)
                    .put(info)
                    .put((byte) counter)
                    .array();
            block = hmac(extracted, input);
            int n = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, n);
            written += n;
        }
        return out;
    }

    /** SHA-256 of the trusted CAs' SHA-256 fingerprints, sorted: the same set gives the same digest. */
    private static byte[] caSetDigest(List<X509Certificate> trustedCas) {
        try {
            List<String> fingerprints = new ArrayList<>();
            for (X509Certificate ca : trustedCas) {
                fingerprints.add(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(ca.getEncoded())));
            }
            fingerprints.sort(null);
            MessageDigest set = MessageDigest.getInstance("SHA-256");
            for (String fingerprint : fingerprints) {
                set.update(fingerprint.getBytes(StandardCharsets.US_ASCII));
            }
            return set.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot digest the trusted store CAs: " + e, e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e, e);
        }
    }

    @Override
    public String toString() {
        // Never the secret: this may reach a log line.
        return "SharedTicketSecret[" + file.toAbsolutePath() + "]";
    }
}
