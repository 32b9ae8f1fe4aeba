package io.printbridge.server.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/** Carries the caller's address into the call's context, for log lines that name the shop. */
final class PeerAddress implements ServerInterceptor {

    private static final Context.Key<String> PEER = Context.key("printbridge.peer");

    static String current() {
        String peer = PEER.get();
        return peer == null ? "unknown" : peer;
    }

    /** {@code 203.0.113.7:50112}, the same in every log line about a connection. */
    static String format(@Nullable SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        SocketAddress address = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return Contexts.interceptCall(Context.current().withValue(PEER, format(address)), call, headers, next);
    }
}
