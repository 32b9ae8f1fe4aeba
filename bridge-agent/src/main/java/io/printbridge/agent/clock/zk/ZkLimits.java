package io.printbridge.agent.clock.zk;

/** The bounds on what the wire may hand over, so a broken or hostile peer cannot exhaust memory. */
public final class ZkLimits {

    /** A TCP frame's largest payload: a full chunk (0xFFC0 bytes) and its header, with room to spare. */
    public static final int MAX_TCP_FRAME = 70_000;

    /** A UDP datagram's largest size (the protocol's own packets stay far below it). */
    public static final int MAX_DATAGRAM = 65_507;

    /** The largest dataset a buffer transfer may announce: 16 MiB (400,000 records of 40 bytes). */
    public static final int MAX_TRANSFER = 16 * 1024 * 1024;

    /** The largest chunk asked for over TCP, as the vendor's SDK does. */
    public static final int TCP_CHUNK = 0xFFC0;

    /** The largest chunk asked for over UDP: the clock answers it in datagrams of 1 KiB. */
    public static final int UDP_CHUNK = 16 * 1024;

    /** The largest data of one {@code CMD_DATA} datagram a clock sends over UDP. */
    public static final int UDP_DATA_PACKET = 1024;

    private ZkLimits() {}
}
