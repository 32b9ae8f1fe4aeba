package io.printbridge.server.grpc;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * This process's open files, as the kernel counts them against its limit ({@code ulimit -n}, the
 * service unit's {@code LimitNOFILE}): every socket is one, an agent's connection as much as the
 * database's or the ERP's. The JVM raises its own soft limit to the hard one at start, so the limit
 * read here is the one the process will meet.
 */
public final class OpenFiles {

    /** What {@link #limit()} and {@link #open()} give where the system has no such count (Windows). */
    public static final long UNKNOWN = -1;

    private OpenFiles() {}

    /** The most files this process may hold open, or {@link #UNKNOWN}. */
    static long limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : UNKNOWN;
    }

    /** The files this process holds open now, or {@link #UNKNOWN}. */
    static long open() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : UNKNOWN;
    }
}
