package io.printbridge.agent.clock.zk;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockConnector;
import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockException;
import io.printbridge.agent.clock.ClockException.Kind;
import io.printbridge.agent.clock.ClockTransport;

/**
 * Opens ZK sessions: a TCP or UDP socket per {@link ClockEndpoint#transport()}, {@code
 * CMD_CONNECT}, and when the clock answers {@code CMD_ACK_UNAUTH}, {@code CMD_AUTH} with the
 * endpoint's comm key. A clock that refuses the key is {@link Kind#AUTH_REFUSED}.
 */
public final class ZkClockConnector implements ClockConnector {

    @Override
    public ClockConnection connect(ClockEndpoint endpoint) throws ClockException {
        requireNonNull(endpoint, "endpoint");
        ZkLink link = endpoint.transport() == ClockTransport.TCP ? ZkTcpLink.open(endpoint) : ZkUdpLink.open(endpoint);
        ZkSession session = new ZkSession(link, endpoint.address(), endpoint.timeout());
        try {
            ZkPacket reply = session.request(ZkCommands.CONNECT);
            session.setSessionId(reply.sessionId());
            if (reply.command() == ZkCommands.ACK_UNAUTH) {
                byte[] key = CommKey.make(endpoint.commKey(), reply.sessionId(), CommKey.DEFAULT_TICKS);
                ZkPacket auth = session.request(ZkCommands.AUTH, key);
                if (auth.command() == ZkCommands.ACK_UNAUTH) {
                    throw new ClockException(
                            Kind.AUTH_REFUSED,
                            endpoint.address() + ": the clock refused comm key "
                                    + (endpoint.commKey() == 0 ? "0 (none set here)" : "of this endpoint")
                                    + " (expected: the key set on the clock)");
                }
                ZkReplies.requireOk(auth, ZkCommands.AUTH, endpoint.address());
            } else if (reply.command() != ZkCommands.ACK_OK) {
                throw ZkReplies.unexpected(
                        reply, ZkCommands.CONNECT, endpoint.address(), "CMD_ACK_OK or CMD_ACK_UNAUTH");
            }
            return new ZkClockConnection(session, endpoint.transport());
        } catch (ClockException | RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
