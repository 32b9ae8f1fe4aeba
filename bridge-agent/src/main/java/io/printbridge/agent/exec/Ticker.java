package io.printbridge.agent.exec;

/** A monotonic clock in nanoseconds; a seam so tests can move time by hand. */
@FunctionalInterface
public interface Ticker {

    long nanoTime();

    static Ticker system() {
        return System::nanoTime;
    }
}
