package io.printbridge.faults.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A small disk of its own for one agent's journal: a tmpfs of a few megabytes mounted on the
 * agent's data directory, which a fault fills to the last byte (a filler file) and frees again.
 * Only the journal is on it (the agent's log goes elsewhere), so what runs out of room is exactly
 * what must not: the journal's record of a command before it prints.
 *
 * <p>Mounting needs the right to mount (root in this machine's and CI's containers); where it is
 * not given, the fault is left out and the run's summary says why.
 */
final class JournalDisk implements AutoCloseable {

    private static final String SIZE = "4m";

    private final Path mountPoint;
    private final Path filler;

    private JournalDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler");
    }

    /** Why a journal disk cannot be made here, if it cannot: tries a mount and takes it down. */
    static Optional<String> whyNotHere(Path scratch) {
        Path probe = scratch.resolve("mount-probe");
        try {
            Files.createDirectories(probe);
            run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.toString());
            run("umount", probe.toString());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot mount a small tmpfs for an agent's journal here (" + e.getMessage() + ")");
        }
    }

    static JournalDisk mount(Path mountPoint) throws IOException {
        Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=0700", "tmpfs", mountPoint.toString());
        return new JournalDisk(mountPoint);
    }

    /** Writes a file until the disk refuses another byte. */
    void fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left: what the fault is for
        }
        try (OutputStream out = Files.newOutputStream(mountPoint.resolve("filler-tail"))) {
            while (true) {
                out.write(0);
            }
        } catch (IOException full) {
            // the last bytes too
        }
    }

    void free() throws IOException {
        Files.deleteIfExists(filler);
        Files.deleteIfExists(mountPoint.resolve("filler-tail"));
    }

    @Override
    public void close() {
        try {
            run("umount", "-l", mountPoint.toString());
        } catch (IOException e) {
            System.err.println("could not unmount " + mountPoint + ": " + e.getMessage());
        }
    }

    private static void run(String... command) throws IOException {
        Process process =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + ": " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
