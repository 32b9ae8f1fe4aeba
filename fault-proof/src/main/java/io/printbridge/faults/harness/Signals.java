package io.printbridge.faults.harness;

import java.io.IOException;

/**
 * Signals to a process by its id, through the system's {@code kill}: Java can destroy a process
 * but cannot pause it, and a paused server (a long garbage-collection pause, a VM frozen by its
 * host) is one of the faults.
 */
final class Signals {

    private Signals() {}

    static void send(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + signal + " " + pid + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + signal, e);
        }
    }
}
