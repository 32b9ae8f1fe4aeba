package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The file that keeps the agents' TLS session ticket keys across restarts: one key a line, newest
 * first, {@code <created, ISO-8601> <48 bytes in base64>}. Owner-only: whoever holds these keys can
 * make a ticket that the server takes for any store's session, so the file is as secret as a CA key.
 * Written whole to a new file, then moved over the old one, so a crash never leaves half a file.
 */
final class TicketKeyFile {

    /** A key as the file holds it: when it was made, and its 48 bytes (name, HMAC key, AES key). */
    record StoredKey(Instant created, byte[] material) {
        StoredKey {
            requireNonNull(created, "created");
            if (material.length != MATERIAL_BYTES) {
                throw new IllegalArgumentException(
                        "a ticket key is " + MATERIAL_BYTES + " bytes, not " + material.length);
            }
            material = material.clone();
        }

        @Override
        public byte[] material() {
            return material.clone();
        }
    }

    /** 16 bytes of key name, 16 of HMAC-SHA256 key, 16 of AES-128 key, as BoringSSL's tickets use them. */
    static final int MATERIAL_BYTES = 48;

    private static final String HEADER =
            "# TLS session ticket keys of the agents' port: secret, owner-only. Deleting this file makes"
                    + " every agent's next connection a full handshake; nothing else is lost.\n";

    private final Path file;

    TicketKeyFile(Path file) {
        this.file = requireNonNull(file, "file");
    }

    Path path() {
        return file;
    }

    /**
     * The keys in the file, newest first; none if there is no file.
     *
     * @throws IOException when it cannot be read, or a line is not {@code <instant> <base64 of 48
     *     bytes>} (the message names the line)
     */
    List<StoredKey> read() throws IOException {
        if (Files.notExists(file)) {
            return List.of();
        }
        List<StoredKey> keys = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            keys.add(parse(line, i + 1));
        }
        keys.sort((a, b) -> b.created().compareTo(a.created()));
        return List.copyOf(keys);
    }

    /** Replaces the file with {@code keys} (owner-only where the file system has POSIX permissions). */
    void write(List<StoredKey> keys) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (StoredKey key : keys) {
            text.append(key.created())
                    .append(' ')
                    .append(Base64.getEncoder().encodeToString(key.material()))
                    .append('\n');
        }
        Path absolute = file.toAbsolutePath();
        Path parent = requireNonNull(absolute.getParent(), "a ticket key file's directory");
        Files.createDirectories(parent);
        Path written = parent.resolve(absolute.getFileName() + ".new");
        Files.deleteIfExists(written);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(
                    written, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(written, text, StandardCharsets.US_ASCII);
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the file; whether there was one. */
    boolean delete() throws IOException {
        return Files.deleteIfExists(file);
    }

    private StoredKey parse(String line, int number) throws IOException {
        String[] parts = line.split("\\s+");
        if (parts.length != 2) {
            throw malformed(number, "two fields");
        }
        Instant created;
        byte[] material;
        try {
            created = Instant.parse(parts[0]);
            material = Base64.getDecoder().decode(parts[1]);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw malformed(number, "an ISO-8601 instant and base64");
        }
        if (material.length != MATERIAL_BYTES) {
            throw malformed(number, MATERIAL_BYTES + " bytes of key, not " + material.length);
        }
        return new StoredKey(created, material);
    }

    private IOException malformed(int line, String what) {
        return new IOException(file.toAbsolutePath() + " line " + line
                + ": not a ticket key (expected: <created, ISO-8601> <" + MATERIAL_BYTES
                + " bytes in base64>; " + what + ")");
    }
}
