package io.printbridge.server.streams;

import io.grpc.Status;
import io.printbridge.proto.v1.ServerMessage;

/**
 * Where an agent stream's messages go: the gRPC call in the server, a list in a test. The stream
 * calls it under its own lock, one call at a time, in the order it decided.
 */
public interface Outbound {

    /** True when the transport takes another message without buffering it beyond its small window. */
    boolean isReady();

    /** Sends {@code message}; false if the call is already over (the peer went away). */
    boolean send(ServerMessage message);

    /** Ends the call normally (after a Disconnect, say). */
    void complete();

    /** Ends the call with {@code status} (a refused message, a stream that does not read). */
    void fail(Status status);
}
