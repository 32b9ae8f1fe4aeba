package io.printbridge.agent.clock.simulator;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockUser;
import io.printbridge.agent.clock.zk.ZkRecordLayout;
import io.printbridge.agent.clock.zk.ZkUserLayout;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ZKTeco attendance clock in software, listening on TCP and UDP (ephemeral ports unless told
 * otherwise) and answering the ZK protocol as real clocks do: connect and comm-key auth, device
 * info, time, users, the attendance log through the chunked buffer, clearing it, disabling the
 * clock, live events. Start one with {@link #builder()}; faults are switched on at any time.
 *
 * <p>It answers the way common client libraries read, too: over TCP a chunk's answer ({@code
 * CMD_PREPARE_DATA}, {@code CMD_DATA}, {@code CMD_ACK_OK}) goes out as separate, slightly spaced
 * writes (node-zklib takes one packet per socket read), and a dataset up to 1 KiB comes back
 * directly as {@code CMD_DATA}.
 */
public final class SimulatedZkClock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedZkClock.class);

    private final ClockState state;
    private final ClockFaults faults = new ClockFaults();
    private final DeviceIdentity identity;
    private final Set<SimulatedSession> sessions = new CopyOnWriteArraySet<>();
    private final TcpListener tcp;
    private final UdpListener udp;
    private volatile long rebootUntilNanos;
    private volatile boolean rebooting;

    private SimulatedZkClock(Builder builder) throws IOException {
        ZkRecordLayout recordLayout = builder.recordLayout;
        ZkUserLayout userLayout = builder.userLayout != null
                ? builder.userLayout
                : recordLayout == ZkRecordLayout.BYTES_40 ? ZkUserLayout.BYTES_72 : ZkUserLayout.BYTES_28;
        this.state = new ClockState(
                recordLayout, userLayout, builder.userCapacity, builder.recordCapacity, Clock.systemDefaultZone());
        this.identity = new DeviceIdentity(
                builder.serialNumber, builder.deviceName, builder.platform, builder.firmware, builder.commKey);
        SessionFactory factory = new Sessions();
        this.tcp = new TcpListener(
                new InetSocketAddress(builder.bindAddress, builder.tcpPort), factory, builder.packetGap);
        try {
            this.udp = new UdpListener(new InetSocketAddress(builder.bindAddress, builder.udpPort), factory);
        } catch (IOException e) {
            tcp.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int tcpPort() {
        return tcp.port();
    }

    public int udpPort() {
        return udp.port();
    }

    public String serialNumber() {
        return identity.serialNumber();
    }

    public ZkRecordLayout recordLayout() {
        return state.recordLayout();
    }

    public ZkUserLayout userLayout() {
        return state.userLayout();
    }

    /** Appends punches to the log, sending no live events (the clock's history). */
    public void addRecords(List<ClockRecord> records) {
        state.addRecords(List.copyOf(requireNonNull(records, "records")));
    }

    /** A punch made now: appended to the log and sent as a live event to every session that registered for them. */
    public void punch(ClockRecord record) {
        requireNonNull(record, "record");
        state.addRecords(List.of(record));
        for (SimulatedSession session : sessions) {
            if (session.wantsLiveEvents()) {
                try {
                    session.sendEvent(record);
                } catch (IOException e) {
                    log.debug(
                            "simulated clock: live event to session {} failed: {}",
                            session.sessionId(),
                            e.getMessage());
                }
            }
        }
    }

    /** The attendance log, oldest first. */
    public List<ClockRecord> records() {
        return state.records();
    }

    /** Adds or replaces users (by slot; one with the same user id elsewhere is removed). */
    public void putUsers(List<ClockUser> users) {
        for (ClockUser user : users) {
            if (!state.putUser(user)) {
                throw new IllegalArgumentException("user " + user + " (expected: a slot from 1 to 65535, room in the"
                        + " table and fields the " + state.userLayout().size() + "-byte layout holds)");
            }
        }
    }

    /** The user table, by slot. */
    public List<ClockUser> users() {
        return state.users();
    }

    /** The clock's wall time (it runs on from what was last set). */
    public LocalDateTime time() {
        return state.time();
    }

    public void setTime(LocalDateTime time) {
        state.setTime(requireNonNull(time, "time"));
    }

    /** Whether a client disabled the clock (and has not enabled it again). */
    public boolean disabled() {
        return state.disabled();
    }

    /** How many client sessions are open. */
    public int sessionCount() {
        return sessions.size();
    }

    /** Fault: in the next chunk answered, the connection drops after {@code afterBytes} bytes of the chunk's data. */
    public void dropDuringNextTransfer(int afterBytes) {
        faults.dropDuringNextTransfer(afterBytes);
    }

    /** Fault: {@code CMD_AUTH} is refused whatever key comes (with a comm key set, connections then fail). */
    public void refuseAuth(boolean refuse) {
        faults.refuseAuth(refuse);
    }

    /** Fault: the next {@code count} answers are bytes that are not the protocol. */
    public void answerGarbage(int count) {
        faults.answerGarbage(count);
    }

    /** Fault: the next {@code count} chunks come back with half their data, then {@code CMD_ACK_OK} as if whole. */
    public void truncateChunks(int count) {
        faults.truncateChunks(count);
    }

    /** Fault: every answer waits this long first (zero to stop). */
    public void slowAnswers(Duration delay) {
        faults.slowAnswers(requireNonNull(delay, "delay"));
    }

    /**
     * A punch made while the next chunk is being read: appended to the log (after the dataset being
     * read was taken) and sent as a live event just before that chunk's answer.
     */
    public void punchDuringNextTransfer(ClockRecord record) {
        faults.punchDuringNextTransfer(requireNonNull(record, "record"));
    }

    /**
     * Fault: the clock reboots. Every session ends (connections closed, UDP clients forgotten, live
     * event registrations lost); for {@code downtime} connections are closed at once and datagrams
     * go unanswered. Users, log and time stay.
     */
    public void reboot(Duration downtime) {
        requireNonNull(downtime, "downtime");
        rebootUntilNanos = System.nanoTime() + downtime.toNanos();
        rebooting = true;
        tcp.dropAll();
        udp.dropAll();
        sessions.clear();
    }

    @Override
    public void close() {
        tcp.close();
        udp.close();
        sessions.clear();
    }

    private boolean isRebooting() {
        if (rebooting && System.nanoTime() - rebootUntilNanos >= 0) {
            rebooting = false;
        }
        return rebooting;
    }

    /** The sessions' life cycle, shared by both listeners. */
    private final class Sessions implements SessionFactory {

        @Override
        public SimulatedSession open(SessionOutput out) {
            int sessionId = ThreadLocalRandom.current().nextInt(1, 0xFFFF);
            SimulatedSession session =
                    new SimulatedSession(sessionId, out, state, faults, identity, SimulatedZkClock.this::punch);
            sessions.add(session);
            return session;
        }

        @Override
        public void closed(SimulatedSession session) {
            sessions.remove(session);
        }

        @Override
        public boolean rebooting() {
            return isRebooting();
        }
    }

    /** The clock's settings; every one has a default. */
    public static final class Builder {

        private String serialNumber = "SIM0000000001";
        private String deviceName = "SimClock";
        private String platform = "ZEM560_TFT";
        private String firmware = "Ver 6.60 Apr 28 2017";
        private int commKey;
        private ZkRecordLayout recordLayout = ZkRecordLayout.BYTES_40;
        private @Nullable ZkUserLayout userLayout;
        private int userCapacity = 3000;
        private int recordCapacity = 200_000;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int tcpPort;
        private int udpPort;
        private Duration packetGap = Duration.ofMillis(10);

        private Builder() {}

        public Builder serialNumber(String serialNumber) {
            this.serialNumber = requireNonNull(serialNumber, "serialNumber");
            return this;
        }

        public Builder deviceName(String deviceName) {
            this.deviceName = requireNonNull(deviceName, "deviceName");
            return this;
        }

        public Builder platform(String platform) {
            this.platform = requireNonNull(platform, "platform");
            return this;
        }

        public Builder firmware(String firmware) {
            this.firmware = requireNonNull(firmware, "firmware");
            return this;
        }

        /** The comm key clients must give (0, the default, for none). */
        public Builder commKey(int commKey) {
            if (commKey < 0 || commKey > 999_999) {
                throw new IllegalArgumentException("comm key: " + commKey + " (expected: 0 to 999999)");
            }
            this.commKey = commKey;
            return this;
        }

        /** The attendance record layout: 8, 16 or 40 bytes (the default, TFT clocks'). */
        public Builder recordSize(int bytes) {
            ZkRecordLayout layout = ZkRecordLayout.ofSize(bytes);
            if (layout == null) {
                throw new IllegalArgumentException("record size: " + bytes + " (expected: 8, 16 or 40)");
            }
            this.recordLayout = layout;
            return this;
        }

        /** The user layout: 28 or 72 bytes; by default 72 with 40-byte records, else 28. */
        public Builder userSize(int bytes) {
            ZkUserLayout layout = ZkUserLayout.ofSize(bytes);
            if (layout == null) {
                throw new IllegalArgumentException("user size: " + bytes + " (expected: 28 or 72)");
            }
            this.userLayout = layout;
            return this;
        }

        public Builder userCapacity(int userCapacity) {
            this.userCapacity = requirePositive(userCapacity, "user capacity");
            return this;
        }

        public Builder recordCapacity(int recordCapacity) {
            this.recordCapacity = requirePositive(recordCapacity, "record capacity");
            return this;
        }

        /** The address to listen on: loopback by default. */
        public Builder bindAddress(InetAddress bindAddress) {
            this.bindAddress = requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /** 0 (the default) for an ephemeral port. */
        public Builder tcpPort(int tcpPort) {
            this.tcpPort = requirePort(tcpPort, "TCP port");
            return this;
        }

        /** 0 (the default) for an ephemeral port. */
        public Builder udpPort(int udpPort) {
            this.udpPort = requirePort(udpPort, "UDP port");
            return this;
        }

        /**
         * The pause before each packet of a chunk's answer over TCP (10 ms by default), so a client
         * that reads one packet per socket read (node-zklib) sees them apart; zero for none.
         */
        public Builder packetGap(Duration packetGap) {
            if (packetGap.isNegative()) {
                throw new IllegalArgumentException("packet gap: " + packetGap + " (expected: zero or more)");
            }
            this.packetGap = packetGap;
            return this;
        }

        /** Starts listening. */
        public SimulatedZkClock start() throws IOException {
            return new SimulatedZkClock(this);
        }

        private static int requirePositive(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + ": " + value + " (expected: 1 or more)");
            }
            return value;
        }

        private static int requirePort(int port, String what) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(what + ": " + port + " (expected: 0 to 65535)");
            }
            return port;
        }
    }
}
