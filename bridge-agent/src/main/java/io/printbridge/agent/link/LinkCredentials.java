package io.printbridge.agent.link;

import static java.util.Objects.requireNonNull;

import io.grpc.Channel;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.Welcome;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Which certificate each new stream of the {@link AgentLink} is dialled with, and what the link
 * hears about it. Certificate renewal implements it: the link dials with the certificate in use
 * until a renewed one is on disk, then once with the renewed one, and the keeper puts that one in
 * use only when its stream is welcomed. The link calls these from its scheduler and from the
 * network's threads; they only record and hand work on, never block.
 */
public interface LinkCredentials {

    /** The channel the next stream is opened on (called once before each dial). */
    Channel channelForNextStream();

    /**
     * Whether {@code channel} carries a renewed certificate being tried: a refusal of that stream
     * (even REVOKED) means "go back to the certificate in use", not "stop dialling".
     */
    boolean trying(Channel channel);

    /** The stream opened on {@code channel} was welcomed. */
    void welcomed(Channel channel, Welcome welcome);

    /** The stream opened on {@code channel} ended; {@code welcomed} says whether it had been welcomed. */
    void ended(Channel channel, boolean welcomed);

    /** A message about this agent's certificate on a stream: renewed, renewal_refused or trust. */
    void received(Channel channel, ServerMessage message);

    /** Always {@code channel}, and nothing renewed: for agents whose certificate is not theirs to renew, and tests. */
    static LinkCredentials fixed(Channel channel, Runnable beforeDial) {
        requireNonNull(channel, "channel");
        requireNonNull(beforeDial, "beforeDial");
        return nothingRenewed(
                () -> {
                    beforeDial.run();
                    return channel;
                },
                dialled -> {});
    }

    /** {@code channel}'s channel for each stream, a new one after a failure, and nothing renewed. */
    static LinkCredentials fixed(DialChannel channel) {
        requireNonNull(channel, "channel");
        return nothingRenewed(channel::forNextStream, channel::dialFailed);
    }

    /**
     * The channel {@code forNextStream} gives for each stream, {@code dialFailed} told of a stream
     * that ended before its Welcome, and no certificate of its own to renew.
     */
    private static LinkCredentials nothingRenewed(Supplier<Channel> forNextStream, Consumer<Channel> dialFailed) {
        return new LinkCredentials() {
            @Override
            public Channel channelForNextStream() {
                return forNextStream.get();
            }

            @Override
            public boolean trying(Channel dialled) {
                return false;
            }

            @Override
            public void welcomed(Channel dialled, Welcome welcome) {}

            @Override
            public void ended(Channel dialled, boolean welcomed) {
                if (!welcomed) {
                    dialFailed.accept(dialled);
                }
            }

            @Override
            public void received(Channel dialled, ServerMessage message) {}
        };
    }
}
