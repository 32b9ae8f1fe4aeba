package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's place in the {@link HandshakeAdmission}: the connection is not read until it
 * holds a handshake slot, so a client's ClientHello waits in the kernel's socket buffer and costs
 * nothing meanwhile. Past the queue's bound, or its deadline, the connection is closed before any
 * crypto; the agent sees a connection closed before TLS and dials again after its backoff.
 *
 * <p>The slot is given back exactly once, on whichever comes first: the handshake's end (success
 * or failure, including Netty's own handshake timeout), the connection's close, or the admission's
 * handshake deadline (which closes the connection). Everything here runs on the connection's event
 * loop, except {@link #admitted()}, which hands over to it.
 */
final class HandshakeGate extends ChannelInboundHandlerAdapter implements HandshakeAdmission.Waiter {

    private static final Logger log = LoggerFactory.getLogger(HandshakeGate.class);

    private enum State {
        /** Not active yet: nothing asked. */
        NEW,
        /** Waiting in the queue, unread; a timer closes it at the queue's deadline. */
        QUEUED,
        /** Holds a slot: reading, its handshake running. */
        ADMITTED,
        /** Slot given back, refused or expired: nothing more to do. */
        DONE
    }

    private final HandshakeAdmission admission;
    private State state = State.NEW;
    private @Nullable ChannelHandlerContext ctx;
    private @Nullable ScheduledFuture<?> deadline;

    HandshakeGate(HandshakeAdmission admission) {
        this.admission = requireNonNull(admission, "admission");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        // Before the connection is active, so the pipeline's head does not start reading it.
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // grpc puts its SslHandler in place when the connection becomes active: pass that on first.
        ctx.fireChannelActive();
        if (state != State.NEW) {
            return;
        }
        switch (admission.enter(this)) {
            case ADMITTED -> start(ctx);
            case QUEUED -> {
                state = State.QUEUED;
                deadline = ctx.executor()
                        .schedule(() -> expire(ctx), admission.queueTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            case REFUSED -> {
                state = State.DONE;
                log.debug(
                        "connection from {} closed before its handshake: too many handshakes wait",
                        PeerAddress.format(ctx.channel().remoteAddress()));
                ctx.close();
            }
        }
    }

    @Override
    public void admitted() {
        ChannelHandlerContext context = requireNonNull(ctx, "ctx");
        try {
            context.executor().execute(() -> start(context));
        } catch (RejectedExecutionException e) {
            // The event loop is shutting down (the server stops): the connection goes with it.
            admission.release();
        }
    }

    private void start(ChannelHandlerContext ctx) {
        cancelDeadline();
        if (state == State.DONE || state == State.ADMITTED || !ctx.channel().isActive()) {
            // Closed while its slot was on the way: pass the slot on.
            state = State.DONE;
            admission.release();
            return;
        }
        state = State.ADMITTED;
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            // Not a TLS pipeline (a grpc upgrade changed it): never hold a slot nobody frees.
            log.warn("no TLS handler in the connection from {}: handshake admission skipped", peer(ctx));
            done(ctx, true);
            ctx.channel().config().setAutoRead(true);
            return;
        }
        tls.handshakeFuture().addListener(f -> done(ctx, f.isSuccess()));
        // Netty completes the close future before the handshake's failure: whichever comes first counts.
        ctx.channel().closeFuture().addListener(f -> done(ctx, false));
        deadline = ctx.executor()
                .schedule(
                        () -> {
                            if (state == State.ADMITTED) {
                                log.debug("connection from {}: TLS handshake took too long, closing it", peer(ctx));
                                ctx.close();
                            }
                        },
                        admission.handshakeTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
        // From false to true: Netty reads the connection now (the ClientHello that waited).
        ctx.channel().config().setAutoRead(true);
    }

    /**
     * The slot goes back and the handshake is counted, once; after a successful handshake this
     * handler leaves the pipeline.
     */
    private void done(ChannelHandlerContext ctx, boolean success) {
        if (state != State.ADMITTED) {
            return;
        }
        state = State.DONE;
        cancelDeadline();
        admission.ended(success);
        admission.release();
        AcceptLimiter.handshakeOver(ctx.channel());
        if (!ctx.isRemoved() && ctx.channel().isActive()) {
            ctx.pipeline().remove(this);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        if (state == State.QUEUED && admission.expire(this)) {
            state = State.DONE;
            log.debug("connection from {} closed: it waited too long for a TLS handshake slot", peer(ctx));
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state == State.QUEUED && admission.withdraw(this)) {
            state = State.DONE;
            cancelDeadline();
        }
        // ADMITTED: the close future's listener gives the slot back; a slot on its way is passed on in start().
        ctx.fireChannelInactive();
    }

    private void cancelDeadline() {
        ScheduledFuture<?> pending = deadline;
        if (pending != null) {
            pending.cancel(false);
            deadline = null;
        }
    }

    private static String peer(ChannelHandlerContext ctx) {
        return PeerAddress.format(ctx.channel().remoteAddress());
    }
}
