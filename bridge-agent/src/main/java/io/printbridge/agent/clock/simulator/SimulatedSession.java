package io.printbridge.agent.clock.simulator;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.zk.CommKey;
import io.printbridge.agent.clock.zk.ZkCommands;
import io.printbridge.agent.clock.zk.ZkFormatException;
import io.printbridge.agent.clock.zk.ZkLimits;
import io.printbridge.agent.clock.zk.ZkLiveEvent;
import io.printbridge.agent.clock.zk.ZkPacket;
import io.printbridge.agent.clock.zk.ZkTime;
import io.printbridge.agent.clock.zk.ZkUserLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's session with the simulated clock: answers each packet as a real clock does. The
 * transport hands it packets one at a time on its own thread; live events come from the punching
 * thread through {@link #sendEvent}.
 */
final class SimulatedSession {

    /** A dataset up to this size comes back at once as {@code CMD_DATA}; a larger one through the buffer. */
    static final int DIRECT_DATA_LIMIT = 1024;

    private static final Logger log = LoggerFactory.getLogger(SimulatedSession.class);

    private final int sessionId;
    private final SessionOutput out;
    private final ClockState state;
    private final ClockFaults faults;
    private final DeviceIdentity identity;
    private final Consumer<ClockRecord> punch;
    private boolean authenticated;
    private volatile boolean liveEvents;
    private byte @Nullable [] buffer;

    SimulatedSession(
            int sessionId,
            SessionOutput out,
            ClockState state,
            ClockFaults faults,
            DeviceIdentity identity,
            Consumer<ClockRecord> punch) {
        this.sessionId = sessionId;
        this.out = requireNonNull(out, "out");
        this.state = requireNonNull(state, "state");
        this.faults = requireNonNull(faults, "faults");
        this.identity = requireNonNull(identity, "identity");
        this.punch = requireNonNull(punch, "punch");
    }

    int sessionId() {
        return sessionId;
    }

    boolean wantsLiveEvents() {
        return liveEvents;
    }

    /** Sends the punch as a live event, as the clock does to each session that registered for them. */
    void sendEvent(ClockRecord record) throws IOException {
        byte[] data = ZkLiveEvent.encode(record, state.recordLayout());
        out.send(new ZkPacket(ZkCommands.REG_EVENT, ZkCommands.EF_ATTLOG, 0, data));
    }

    /** Answers one packet from the client. */
    void handle(ZkPacket request) throws IOException {
        int command = request.command();
        if (command == ZkCommands.ACK_OK) {
            return; // the client's acknowledgement of a live event: nothing to answer
        }
        Duration delay = faults.answerDelay();
        if (!delay.isZero()) {
            sleep(delay);
        }
        if (faults.takeGarbage()) {
            out.sendGarbage();
            return;
        }
        if (command == ZkCommands.CONNECT) {
            authenticated = identity.commKey() == 0;
            reply(request, authenticated ? ZkCommands.ACK_OK : ZkCommands.ACK_UNAUTH);
            return;
        }
        if (command == ZkCommands.AUTH) {
            authenticated = !faults.refusesAuth() && CommKey.matches(request.data(), identity.commKey(), sessionId);
            reply(request, authenticated ? ZkCommands.ACK_OK : ZkCommands.ACK_UNAUTH);
            return;
        }
        if (command == ZkCommands.EXIT) {
            reply(request, ZkCommands.ACK_OK);
            out.hangUp();
            return;
        }
        if (!authenticated) {
            reply(request, ZkCommands.ACK_UNAUTH);
            return;
        }
        answer(request);
    }

    private void answer(ZkPacket request) throws IOException {
        switch (request.command()) {
            case ZkCommands.OPTIONS_RRQ:
                answerOption(request);
                break;
            case ZkCommands.GET_VERSION:
                reply(request, ZkCommands.ACK_OK, nulTerminated(identity.firmware()));
                break;
            case ZkCommands.GET_FREE_SIZES:
                reply(request, ZkCommands.ACK_OK, state.sizes().encode());
                break;
            case ZkCommands.GET_TIME:
                reply(request, ZkCommands.ACK_OK, u32((int) ZkTime.encode(state.time())));
                break;
            case ZkCommands.SET_TIME:
                answerSetTime(request);
                break;
            case ZkCommands.DISABLEDEVICE:
            case ZkCommands.ENABLEDEVICE:
                state.setDisabled(request.command() == ZkCommands.DISABLEDEVICE);
                reply(request, ZkCommands.ACK_OK);
                break;
            case ZkCommands.REG_EVENT:
                liveEvents = request.dataLength() > 0 && (request.data()[0] & ZkCommands.EF_ATTLOG) != 0;
                reply(request, ZkCommands.ACK_OK);
                break;
            case ZkCommands.CLEAR_ATTLOG:
                state.clearRecords();
                reply(request, ZkCommands.ACK_OK);
                break;
            case ZkCommands.USER_WRQ:
                answerPutUser(request);
                break;
            case ZkCommands.DELETE_USER:
                if (request.dataLength() < 2) {
                    reply(request, ZkCommands.ACK_ERROR);
                } else {
                    state.deleteUser(Short.toUnsignedInt(request.dataBuffer().getShort(0)));
                    reply(request, ZkCommands.ACK_OK);
                }
                break;
            case ZkCommands.PREPARE_BUFFER:
                answerPrepareBuffer(request);
                break;
            case ZkCommands.READ_BUFFER:
                answerReadBuffer(request);
                break;
            case ZkCommands.FREE_DATA:
                buffer = null;
                reply(request, ZkCommands.ACK_OK);
                break;
            case ZkCommands.REFRESHDATA:
            case ZkCommands.OPTIONS_WRQ:
                reply(request, ZkCommands.ACK_OK);
                break;
            default:
                reply(request, ZkCommands.ACK_UNKNOWN);
                break;
        }
    }

    private void answerOption(ZkPacket request) throws IOException {
        byte[] data = request.data();
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        String name = new String(data, 0, end, StandardCharsets.US_ASCII);
        String value = identity.option(name);
        if (value.isEmpty()) {
            reply(request, ZkCommands.ACK_ERROR);
        } else {
            reply(request, ZkCommands.ACK_OK, nulTerminated(name + "=" + value));
        }
    }

    private void answerSetTime(ZkPacket request) throws IOException {
        if (request.dataLength() < 4) {
            reply(request, ZkCommands.ACK_ERROR);
            return;
        }
        try {
            state.setTime(
                    ZkTime.decode(Integer.toUnsignedLong(request.dataBuffer().getInt(0))));
            reply(request, ZkCommands.ACK_OK);
        } catch (ZkFormatException e) {
            reply(request, ZkCommands.ACK_ERROR);
        }
    }

    private void answerPutUser(ZkPacket request) throws IOException {
        // Clocks read the layout they were sent: 72 bytes from newer clients, 28 from older ones.
        ZkUserLayout layout = request.dataLength() >= ZkUserLayout.BYTES_72.size()
                ? ZkUserLayout.BYTES_72
                : request.dataLength() >= ZkUserLayout.BYTES_28.size() ? ZkUserLayout.BYTES_28 : null;
        if (layout == null) {
            reply(request, ZkCommands.ACK_ERROR);
            return;
        }
        ClockUser user = layout.read(request.dataBuffer());
        reply(request, state.putUser(user) ? ZkCommands.ACK_OK : ZkCommands.ACK_ERROR);
    }

    private void answerPrepareBuffer(ZkPacket request) throws IOException {
        if (request.dataLength() < 3) {
            reply(request, ZkCommands.ACK_ERROR);
            return;
        }
        int what = Short.toUnsignedInt(request.dataBuffer().getShort(1));
        byte[] dataset;
        if (what == ZkCommands.ATTLOG_RRQ) {
            dataset = state.logDataset();
        } else if (what == ZkCommands.USERTEMP_RRQ) {
            dataset = state.userDataset();
        } else {
            reply(request, ZkCommands.ACK_ERROR);
            return;
        }
        if (dataset.length <= DIRECT_DATA_LIMIT) {
            reply(request, ZkCommands.DATA, dataset);
            return;
        }
        buffer = dataset;
        // What clocks answer: a zero, the size twice, and a 4-byte field read by no client.
        ByteBuffer announcement = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
        announcement.put((byte) 0).putInt(dataset.length).putInt(dataset.length).putInt(0);
        reply(request, ZkCommands.ACK_OK, announcement.array());
    }

    private void answerReadBuffer(ZkPacket request) throws IOException {
        byte[] prepared = buffer;
        if (prepared == null || request.dataLength() < 8) {
            reply(request, ZkCommands.ACK_ERROR);
            return;
        }
        ByteBuffer in = request.dataBuffer();
        long start = Integer.toUnsignedLong(in.getInt(0));
        long size = Integer.toUnsignedLong(in.getInt(4));
        if (size > ZkLimits.TCP_CHUNK || start + size > prepared.length) {
            reply(request, ZkCommands.ACK_ERROR);
            return;
        }
        ClockRecord interloper = faults.takePunchDuringTransfer();
        if (interloper != null) {
            punch.accept(interloper);
        }
        byte[] chunk = Arrays.copyOfRange(prepared, (int) start, (int) (start + size));
        ByteBuffer prepare = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        prepare.putInt(chunk.length).putInt(0);
        out.pace();
        reply(request, ZkCommands.PREPARE_DATA, prepare.array());
        int drop = faults.takeDrop();
        if (drop >= 0) {
            sendData(request, chunk, Math.min(drop, chunk.length));
            log.info("simulated clock: session {} dropped after {} bytes of a chunk", sessionId, drop);
            out.hangUp();
            return;
        }
        if (faults.takeTruncation()) {
            chunk = Arrays.copyOf(chunk, chunk.length / 2);
        }
        sendData(request, chunk, chunk.length);
        out.pace();
        reply(request, ZkCommands.ACK_OK);
    }

    /** Sends the chunk's first {@code upTo} bytes: all of it, or as much as a dying connection gets out. */
    private void sendData(ZkPacket request, byte[] chunk, int upTo) throws IOException {
        out.pace();
        if (!out.datagrams()) {
            ZkPacket data = new ZkPacket(ZkCommands.DATA, sessionId, request.replyId(), chunk);
            if (upTo < chunk.length) {
                out.sendCut(data, upTo); // the frame says it holds the whole chunk
            } else {
                out.send(data);
            }
            return;
        }
        for (int offset = 0; offset < upTo; offset += ZkLimits.UDP_DATA_PACKET) {
            int end = Math.min(upTo, offset + ZkLimits.UDP_DATA_PACKET);
            reply(request, ZkCommands.DATA, Arrays.copyOfRange(chunk, offset, end));
        }
    }

    private void reply(ZkPacket request, int command) throws IOException {
        reply(request, command, new byte[0]);
    }

    private void reply(ZkPacket request, int command, byte[] data) throws IOException {
        out.send(new ZkPacket(command, sessionId, request.replyId(), data));
    }

    private static byte[] nulTerminated(String text) {
        return (text + "\0").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array();
    }

    private static void sleep(Duration delay) throws IOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while answering slowly", e);
        }
    }
}
