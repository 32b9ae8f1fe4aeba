package io.printbridge.server.cluster;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One hint from a server to the others, as one line of a NOTIFY payload. Hints only: each says
 * where to look in the database, which stays the record, and a lost one is made up for by the
 * sweep.
 */
public sealed interface ClusterMessage {

    String storeId();

    /** A job was stored for {@code storeId}, whose stream is not on the server that took it. */
    record JobQueued(String storeId, String jobId) implements ClusterMessage {}

    /** A job of {@code storeId} reached its final state. */
    record JobFinished(String storeId, String jobId) implements ClusterMessage {}

    /** The server that sent this now holds {@code storeId}'s stream, under {@code epoch}. */
    record StreamClaimed(String storeId, long epoch) implements ClusterMessage {}

    /** What the database says of {@code storeId} (connection, printers) changed. */
    record StoreChanged(String storeId) implements ClusterMessage {}

    /** {@code storeId} was revoked. */
    record StoreRevoked(String storeId) implements ClusterMessage {}

    /** Punches of {@code storeId} were stored, new ones, with ids from {@code firstId} to {@code lastId}. */
    record PunchesStored(String storeId, long firstId, long lastId) implements ClusterMessage {}

    /** What {@code storeId}'s clocks said changed a clock's state or drift (the clocks table holds it). */
    record ClocksChanged(String storeId) implements ClusterMessage {}

    /** The line this message is sent as. */
    static String encode(ClusterMessage message) {
        if (message instanceof JobQueued m) {
            return "J " + m.storeId() + " " + m.jobId();
        } else if (message instanceof JobFinished m) {
            return "F " + m.storeId() + " " + m.jobId();
        } else if (message instanceof StreamClaimed m) {
            return "O " + m.storeId() + " " + m.epoch();
        } else if (message instanceof StoreChanged m) {
            return "S " + m.storeId();
        } else if (message instanceof PunchesStored m) {
            return "P " + m.storeId() + " " + m.firstId() + " " + m.lastId();
        } else if (message instanceof ClocksChanged m) {
            return "C " + m.storeId();
        } else {
            return "R " + message.storeId();
        }
    }

    /** The message of one line, or null for a line this server does not know (a newer server's). */
    static @Nullable ClusterMessage decode(String line) {
        String[] parts = line.split(" ", -1);
        if (parts.length < 2 || parts[1].isEmpty()) {
            return null;
        }
        String storeId = parts[1];
        try {
            return switch (parts[0]) {
                case "J" -> parts.length == 3 ? new JobQueued(storeId, parts[2]) : null;
                case "F" -> parts.length == 3 ? new JobFinished(storeId, parts[2]) : null;
                case "O" -> parts.length == 3 ? new StreamClaimed(storeId, Long.parseLong(parts[2])) : null;
                case "S" -> parts.length == 2 ? new StoreChanged(storeId) : null;
                case "R" -> parts.length == 2 ? new StoreRevoked(storeId) : null;
                case "P" ->
                    parts.length == 4
                            ? new PunchesStored(storeId, Long.parseLong(parts[2]), Long.parseLong(parts[3]))
                            : null;
                case "C" -> parts.length == 2 ? new ClocksChanged(storeId) : null;
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Packs lines into payloads of at most {@code maxBytes} (PostgreSQL takes 8000 bytes per
     * NOTIFY), each starting with the sender's id: fewer notifications at peak, each one cheap.
     */
    static List<String> payloads(String serverId, List<ClusterMessage> messages, int maxBytes) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(serverId);
        int lines = 0;
        for (ClusterMessage message : messages) {
            String line = encode(message);
            if (lines > 0 && payload.length() + 1 + line.length() > maxBytes) {
                payloads.add(payload.toString());
                payload = new StringBuilder(serverId);
                lines = 0;
            }
            payload.append('\n').append(line);
            lines++;
        }
        if (lines > 0) {
            payloads.add(payload.toString());
        }
        return payloads;
    }
}
