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

    private final long pid;

    public ProcessProbe(long pid) {
        this.pid = pid;
    }

    public long heapAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
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
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " " + command + ": " + output.trim());
        }
        return output;
    }
}
