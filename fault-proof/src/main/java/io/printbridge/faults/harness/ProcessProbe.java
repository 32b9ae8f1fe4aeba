package io.printbridge.faults.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a Linux process's figures from {@code /proc} and its heap from {@code jcmd}: a full
 * collection first, then the heap in use, so that what is compared from one sample to the next is
 * what the process holds, not what it has not yet collected.
 */
public final class ProcessProbe {

    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
    /** ZGC's one line for the whole heap, in megabytes. */
    private static final Pattern Z_HEAP_USED = Pattern.compile("ZHeap\\s+used (\\d+)M");

    private final long pid;

    public ProcessProbe(long pid) {
        this.pid = pid;
    }

    public long heapAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        return heapUsed(jcmd("GC.heap_info"));
    }

    /** The heap in use from {@code jcmd GC.heap_info}'s text, in bytes (0 if it names none). */
    static long heapUsed(String heapInfo) {
        Matcher zUsed = Z_HEAP_USED.matcher(heapInfo);
        if (zUsed.find()) {
            return Long.parseLong(zUsed.group(1)) * 1024 * 1024;
        }
        Matcher used = HEAP_USED.matcher(heapInfo);
        long total = 0;
        while (used.find()) {
            total += Long.parseLong(used.group(2)) * 1024; // young and old generation lines, each its own
        }
        return total;
    }

    public long residentBytes() throws IOException {
        return statusField("VmRSS:") * 1024;
    }

    public int threads() throws IOException {
        return (int) statusField("Threads:");
    }

    public int fileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        }
    }

    private long statusField(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + name + " in /proc/" + pid + "/status");
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(jcmdOfTheProcess().toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " " + command + ": " + output.trim());
        }
        return output;
    }

    /**
     * The jcmd beside the process's own {@code java}: a process run on another runtime than this
     * one's (a newer JDK's collectors compared) is asked by its own runtime's tool.
     */
    private Path jcmdOfTheProcess() {
        try {
            Path own = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"))
                    .resolveSibling("jcmd");
            if (Files.isExecutable(own)) {
                return own;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not readable here: this runtime's jcmd below
        }
        return Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }
}
