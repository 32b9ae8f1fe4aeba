package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.streams.Outbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent stream's outbound side on the gRPC call. The observer is not thread-safe: its stream
 * calls it under its own lock, one call at a time. A call the peer already ended refuses what is
 * sent with an exception; that is read as "over", and the call's cancel handler cleans up.
 */
final class GrpcOutbound implements Outbound {

    private static final Logger log = LoggerFactory.getLogger(GrpcOutbound.class);

    private final ServerCallStreamObserver<ServerMessage> call;
    private boolean over;

    GrpcOutbound(ServerCallStreamObserver<ServerMessage> call) {
        this.call = requireNonNull(call, "call");
    }

    @Override
    public boolean isReady() {
        return !over && call.isReady();
    }

    @Override
    public boolean send(ServerMessage message) {
        if (over) {
            return false;
        }
        try {
            call.onNext(message);
            return true;
        } catch (RuntimeException e) {
            log.debug("send on an ended call failed: {}", e.toString());
            over = true;
            return false;
        }
    }

    @Override
    public void complete() {
        if (!over) {
            over = true;
            try {
                call.onCompleted();
            } catch (RuntimeException e) {
                log.debug("completing an ended call failed: {}", e.toString());
            }
        }
    }

    @Override
    public void fail(Status status) {
        if (!over) {
            over = true;
            try {
                call.onError(status.asRuntimeException());
            } catch (RuntimeException e) {
                log.debug("failing an ended call failed: {}", e.toString());
            }
        }
    }
}
