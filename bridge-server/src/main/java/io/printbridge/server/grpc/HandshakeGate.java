package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;
import io.grpc.netty.shaded.io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's place in the {@link HandshakeAdmission}: the connection is not read until it
 * holds a handshake slot, so a client's ClientHello waits in the kernel's socket buffer and costs
 * nothing meanwhile. Past the queue's bound, or its deadline, the connection is closed before any
 * crypto; the agent sees a connection closed before TLS and dials again after its backoff.
 *
 * <p>grpc's TLS negotiation waits, too. grpc puts its SslHandler in place as soon as it sees its
 * negotiation event, which an accepted connection gets at once, and Netty's handshake clock (10 s,
 * fixed) starts there: a connection that waited longer than that for its slot was timed out by its
 * own server, whatever the queue's deadline said. The gate holds every event that comes before the
 * slot (grpc's negotiation event among them) and passes them on when the slot comes, so the
 * SslHandler, and its clock, start with the handshake itself. That is what lets the queue hold a
 * connection for longer than 10 s, as the agents' own patience now allows (AgentChannels).
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
    /** Events that came before the slot, grpc's negotiation event first among them: passed on at admission. */
    private final ArrayDeque<Object> held = new ArrayDeque<>(1);

    HandshakeGate(HandshakeAdmission admission) {
        this.admission = requireNonNull(admission, "admission");
    }

    /** Whether the connection has not got its slot yet (nor been refused or closed): on its event loop only. */
    boolean waiting() {
        return state == State.NEW || state == State.QUEUED;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        // Before the connection is active, so the pipeline's head does not start reading it.
        ctx.channel().config().setAutoRead(false);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (state == State.NEW || state == State.QUEUED) {
            held.add(event);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
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
        // grpc's negotiation starts now: it puts its SslHandler, and Netty's handshake clock, in place.
        for (Object event = held.poll(); event != null; event = held.poll()) {
            ctx.fireUserEventTriggered(event);
        }
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            // Not a TLS pipeline (a grpc upgrade changed it): never hold a slot nobody frees.
            log.warn("no TLS handler in the connection from {}: handshake admission skipped", peer(ctx));
            done(ctx, true);
            ctx.channel().config().setAutoRead(true);
            return;
        }
        tls.handshakeFuture().addListener(f -> {
            if (f.isSuccess() && showedCertificate(tls)) {
                AcceptLimiter.identified(ctx.channel());
            }
            done(ctx, f.isSuccess());
        });
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

    /**
     * Whether the client showed a certificate: verified in the handshake (StoreCaTrustManager), so a
     * store's. Without one (a PC enrolling) the connection still counts against its address.
     */
    private static boolean showedCertificate(SslHandler tls) {
        try {
            return tls.engine().getSession().getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        if (state == State.QUEUED && admission.expire(this)) {
            state = State.DONE;
            log.debug("connection from {} closed: it waited too long for a TLS handshake slot", peer(ctx));
            ctx.close();
        }
    }

    /**
     * Bytes reach here before the slot only when the client closed its side while it waited: Netty
     * then reads what is left even with reading off. It is not served (its client is gone).
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (state == State.NEW || state == State.QUEUED) {
            ReferenceCountUtil.release(message);
            leaveQueue();
            state = State.DONE;
            ctx.close();
            return;
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        leaveQueue();
        // ADMITTED: the close future's listener gives the slot back; a slot on its way is passed on in start().
        ctx.fireChannelInactive();
    }

    /** A waiter whose client went away leaves the queue, counted as abandoned. */
    private void leaveQueue() {
        if (state == State.QUEUED && admission.abandon(this)) {
            state = State.DONE;
            cancelDeadline();
        }
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
