package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockException.Kind;
import io.printbridge.agent.clock.ClockRecord;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests and their replies over one link: numbers each request (the reply id), waits for the
 * reply that carries that number, and sets aside what else comes meanwhile. Live events are
 * acknowledged at once and queued for {@link #nextEvent}; stale replies to requests already given
 * up are dropped.
 */
final class ZkSession implements AutoCloseable {

    /** Tries of one request: UDP loses datagrams, and a clock busy with its screen may miss one. */
    static final int ATTEMPTS = 3;

    /** Punches kept for {@link #nextEvent} at most; older ones are dropped (the log still has them). */
    private static final int MAX_QUEUED_EVENTS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(ZkSession.class);

    private final ZkLink link;
    private final String address;
    private final Duration timeout;
    private final ArrayDeque<ClockRecord> events = new ArrayDeque<>();
    private int sessionId;
    private int lastReplyId;

    ZkSession(ZkLink link, String address, Duration timeout) {
        this.link = requireNonNull(link, "link");
        this.address = requireNonNull(address, "address");
        this.timeout = requireNonNull(timeout, "timeout");
    }

    String address() {
        return address;
    }

    Duration timeout() {
        return timeout;
    }

    int chunkSize() {
        return link.chunkSize();
    }

    void setSessionId(int sessionId) {
        this.sessionId = sessionId;
    }

    int sessionId() {
        return sessionId;
    }

    /** Sends a request with a new reply id, and returns that id. */
    int send(int command, byte[] data) throws ClockException {
        lastReplyId = (lastReplyId + 1) & 0xFFFF;
        if (lastReplyId == 0) {
            lastReplyId = 1; // 0 is the live events' reply id
        }
        link.send(new ZkPacket(command, sessionId, lastReplyId, data));
        return lastReplyId;
    }

    /** Sends the request and returns its reply, trying {@link #ATTEMPTS} times, each within the timeout. */
    ZkPacket request(int command, byte[] data) throws ClockException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            int replyId = send(command, data);
            ZkPacket reply = await(replyId, deadline());
            if (reply != null) {
                return reply;
            }
            log.debug(
                    "{}: no answer to {} within {} ms (try {} of {})",
                    address,
                    ZkCommands.name(command),
                    timeout.toMillis(),
                    attempt,
                    ATTEMPTS);
        }
        throw new ClockException(
                Kind.OFFLINE,
                address + ": no answer to " + ZkCommands.name(command) + " within " + timeout.toMillis() + " ms, "
                        + ATTEMPTS + " tries");
    }

    ZkPacket request(int command) throws ClockException {
        return request(command, new byte[0]);
    }

    /** The deadline of one request from now. */
    long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** The next packet carrying this reply id, or null when none came by the deadline. */
    @Nullable
    ZkPacket await(int replyId, long deadlineNanos) throws ClockException {
        while (true) {
            ZkPacket packet = link.receive(deadlineNanos);
            if (packet == null) {
                return null;
            }
            if (packet.command() == ZkCommands.REG_EVENT) {
                takeEvent(packet);
            } else if (packet.replyId() == replyId) {
                return packet;
            } else {
                log.debug("{}: dropping {} (waiting for reply {})", address, packet, replyId);
            }
        }
    }

    /** The next queued or arriving punch, waiting at most {@code wait}. */
    Optional<ClockRecord> nextEvent(Duration wait) throws ClockException {
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        while (events.isEmpty()) {
            ZkPacket packet = link.receive(deadline);
            if (packet == null) {
                return Optional.empty();
            }
            if (packet.command() == ZkCommands.REG_EVENT) {
                takeEvent(packet);
            } else {
                log.debug("{}: dropping {} (waiting for live events)", address, packet);
            }
        }
        return Optional.of(events.removeFirst());
    }

    private void takeEvent(ZkPacket event) throws ClockException {
        // The clock wants each event acknowledged with its own reply id (0), or it sends it again.
        link.send(new ZkPacket(ZkCommands.ACK_OK, sessionId, event.replyId()));
        if ((event.sessionId() & ZkCommands.EF_ATTLOG) == 0) {
            return; // another kind of event (finger placed, button...): not a punch
        }
        ClockRecord record;
        try {
            record = ZkLiveEvent.decode(event.data());
        } catch (ZkFormatException e) {
            throw new ClockException(Kind.PROTOCOL_ERROR, address + ": " + e.getMessage());
        }
        if (events.size() >= MAX_QUEUED_EVENTS) {
            ClockRecord dropped = events.removeFirst();
            log.warn(
                    "{}: more than {} live punches waiting; dropped the oldest ({}), the log still has it",
                    address,
                    MAX_QUEUED_EVENTS,
                    dropped);
        }
        events.addLast(record);
    }

    @Override
    public void close() {
        link.close();
    }
}
