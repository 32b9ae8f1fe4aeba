package io.printbridge.agent.clock.simulator;

import io.printbridge.agent.clock.zk.ZkPacket;
import java.io.IOException;

/** Where one simulated session's packets go: a TCP connection, or a UDP client's address. */
interface SessionOutput {

    /** Sends one whole packet. Safe to call from any thread (live events come from the punching one). */
    void send(ZkPacket packet) throws IOException;

    /** Sends the first {@code dataBytes} of the packet's data and no more, as a connection that dies would. */
    void sendCut(ZkPacket packet, int dataBytes) throws IOException;

    /** Sends bytes that are not the protocol in place of an answer. */
    void sendGarbage() throws IOException;

    /** Ends the session: closes the connection, or forgets the UDP client. */
    void hangUp();

    /** Whether bulk data goes in datagrams of at most 1 KiB (UDP) rather than one packet a chunk (TCP). */
    boolean datagrams();

    /** Waits between the packets of a chunk's answer, as a real clock's slow sending does (see the builder). */
    void pace() throws IOException;
}
