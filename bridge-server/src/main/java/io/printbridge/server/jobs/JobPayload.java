package io.printbridge.server.jobs;

/**
 * What the agent needs to execute a job, already decided by the server: the bytes to print,
 * or the drawer pulse.
 */
public sealed interface JobPayload {

    /** ESC/POS bytes, written as one job. */
    record Print(byte[] data) implements JobPayload {}

    /** A drawer pulse; pin 0 and pulseMs 0 mean "as the agent is configured". */
    record Drawer(int pin, int pulseMs) implements JobPayload {}

    /** A status read. */
    record Status() implements JobPayload {}
}
