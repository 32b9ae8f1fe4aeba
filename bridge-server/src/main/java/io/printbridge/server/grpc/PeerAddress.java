package io.printbridge.server.grpc;

import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.ServerCall;
import io.grpc.ServerInterceptor;
import io.grpc.Metadata;
import io.grpc.ServerCallHandler;
import io.grpc.Contexts;
import java.net.SocketAddress;

/** Carries the caller's address into the call's context, for log lines that name the shop. */
final class PeerAddress implements ServerInterceptor {

    private static final Context.Key<String> PEER = Context.key("printbridge.peer");

    static String current() {
        String peer = PEER.get();
        return peer == null ? "unknown" : peer;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        SocketAddress address = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return Contexts.interceptCall(Context.current().withValue(PEER, String.valueOf(address)), call, headers, next);
    }
}
