package io.printbridge.agent.clock.zk;

import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockException.Kind;

/** What a reply code means for the request it answers, as a {@link ClockException} when it is not a yes. */
final class ZkReplies {

    private ZkReplies() {}

    /** Returns the reply when it is {@code CMD_ACK_OK}; otherwise throws the failure it means. */
    static ZkPacket requireOk(ZkPacket reply, int request, String address) throws ClockException {
        if (reply.command() == ZkCommands.ACK_OK) {
            return reply;
        }
        throw unexpected(reply, request, address, "CMD_ACK_OK");
    }

    /** The failure a reply other than the expected one means: refused, not authorised, or not the protocol. */
    static ClockException unexpected(ZkPacket reply, int request, String address, String expected) {
        String message = address + ": " + ZkCommands.name(reply.command()) + " in answer to " + ZkCommands.name(request)
                + " (expected: " + expected + ")";
        switch (reply.command()) {
            case ZkCommands.ACK_UNAUTH:
                return new ClockException(Kind.AUTH_REFUSED, message);
            case ZkCommands.ACK_ERROR:
            case ZkCommands.ACK_UNKNOWN:
                return new ClockException(Kind.REFUSED, message);
            default:
                return new ClockException(Kind.PROTOCOL_ERROR, message);
        }
    }
}
