package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.printbridge.logging.LogSafe;
import io.printbridge.logging.RateLimitedLog;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.Welcome;
import io.printbridge.server.attendance.AttendanceLink;
import io.printbridge.server.streams.AgentStream;
import io.printbridge.server.streams.AgentStreams;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of {@code AgentLink.Connect}: one {@link AgentStream} per call, for the store
 * named by the caller's certificate (set by {@link StoreIdentityInterceptor}), which owns all of
 * the stream's state; this class only takes messages off the wire and hands them over. Every
 * message is first taken from the stream's budget (rate and bytes) and held to
 * {@link AgentMessageLimits}; text from the agent is made safe ({@link LogSafe}) where it is logged.
 */
final class AgentLinkService extends AgentLinkGrpc.AgentLinkImplBase {

    private static final Logger log = LoggerFactory.getLogger(AgentLinkService.class);
    /** A printer's status changes within this window after a logged one are summed up in one line. */
    private static final java.time.Duration STATUS_LOG_WINDOW = java.time.Duration.ofSeconds(60);

    /** The additive protocol revision this server implements (see agent_link.proto). */
    static final int PROTOCOL_VERSION = 4;

    private final AgentStreams streams;
    private final HeartbeatPace heartbeats;
    private final String serverVersion;
    private final StatusChangeLog statusLog;
    private final AttendanceLink attendance;

    AgentLinkService(
            AgentStreams streams,
            Clock clock,
            HeartbeatPace heartbeats,
            String serverVersion,
            AttendanceLink attendance) {
        this.attendance = requireNonNull(attendance, "attendance");
        this.streams = requireNonNull(streams, "streams");
        this.heartbeats = requireNonNull(heartbeats, "heartbeats");
        this.serverVersion = requireNonNull(serverVersion, "serverVersion");
        this.statusLog = new StatusChangeLog(clock, STATUS_LOG_WINDOW);
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<ServerMessage> responseObserver) {
        String storeId = StoreIdentityInterceptor.STORE_ID.get();
        ServerCallStreamObserver<ServerMessage> call = (ServerCallStreamObserver<ServerMessage>) responseObserver;
        String peer = PeerAddress.current();
        AgentStreams.Admission admission =
                streams.open(storeId, peer, StoreIdentityInterceptor.CLIENT_CERTIFICATE.get(), new GrpcOutbound(call));
        AgentStream stream = admission.stream();
        if (stream == null) {
            // A store that opens streams too fast, or holds too many half-open ones (logged by the
            // registry): refused after a delay, unread meanwhile, so a reconnect loop slows down.
            call.disableAutoInboundFlowControl();
            Status refusal = requireNonNull(admission.refusal(), "refusal");
            streams.refuseLater(storeId, () -> refuse(call, refusal));
            return new Ignored();
        }
        call.setOnReadyHandler(stream::ready);
        call.setOnCancelHandler(() -> stream.ended("cancelled by the agent or the network"));
        return new Inbound(stream);
    }

    /** Messages from one agent stream, in order, one at a time. */
    private final class Inbound implements StreamObserver<AgentMessage> {

        private final AgentStream stream;
        private final AgentMessageCheck check;
        /** Set once a message was refused: the stream is closing, nothing more from it is taken. */
        private boolean refused;

        Inbound(AgentStream stream) {
            this.stream = stream;
            // An agent can send a cut field with every message: one line a minute says so.
            RateLimitedLog cuts = new RateLimitedLog(TimeUnit.MINUTES.toNanos(1));
            this.check = new AgentMessageCheck(cut -> {
                long unlogged = cuts.logNow(System.nanoTime());
                if (unlogged >= 0) {
                    log.warn(
                            "{}: {}{}",
                            stream,
                            cut,
                            unlogged > 0 ? " (and " + unlogged + " more fields cut in the last minute)" : "");
                }
            });
        }

        @Override
        public void onNext(AgentMessage received) {
            if (refused) {
                return;
            }
            if (!stream.admit(received.getSerializedSize())) {
                refuse(Status.RESOURCE_EXHAUSTED.withDescription("more messages than this stream may send (at most "
                        + "bridge.streams.max-messages-per-second and max-bytes-per-second, with a burst)"));
                return;
            }
            AgentMessage message;
            try {
                message = check.check(received);
            } catch (AgentMessageCheck.RefusedMessageException e) {
                refuse(e.status());
                return;
            }
            switch (message.getKindCase()) {
                case HELLO -> {
                    stream.hello(
                            message.getHello(),
                            Welcome.newBuilder()
                                    .setHeartbeatInterval(ProtoDurations.of(heartbeats.forStreams(streams.fleetSize())))
                                    .setProtocolVersion(PROTOCOL_VERSION)
                                    .setServerVersion(serverVersion)
                                    .setReturnWindow(ProtoDurations.of(streams.returnWindow())));
                    if (welcomed()) {
                        attendance.hello(stream.storeId(), message.getHello());
                    }
                }
                case HEARTBEAT -> {
                    stream.heartbeat(message.getHeartbeat().getSequence());
                    statusLog.flush(stream.storeId());
                }
                case ACK -> stream.acknowledged(message.getAck().getCommandId());
                case RENEW ->
                    stream.renew(message.getRenew().getCertificateRequest().toByteArray());
                case RESULT -> stream.result(message.getResult());
                case STATUS_CHANGED -> {
                    var change = message.getStatusChanged();
                    statusLog.changed(
                            stream.storeId(),
                            change.getPrinter(),
                            change.getStatus().getDetail());
                    stream.printerStatus(change);
                }
                case ATTENDANCE -> {
                    if (welcomed()) {
                        attendance.batch(stream.storeId(), message.getAttendance(), stream::answer);
                    }
                }
                case CLOCK_STATUS -> {
                    if (welcomed()) {
                        attendance.status(stream.storeId(), message.getClockStatus());
                    }
                }
                case KIND_NOT_SET ->
                    log.debug("{}: ignoring a message this server does not know (newer agent)", stream);
            }
        }

        /** Whether the stream's Hello was taken: attendance is stored only for a store whose agent said who it is. */
        private boolean welcomed() {
            AgentStream.State state = stream.state();
            return state != AgentStream.State.AWAITING_HELLO && state != AgentStream.State.CLOSED;
        }

        /** Ends the stream with {@code status}, which names what was wrong and the limit. */
        private void refuse(Status status) {
            refused = true;
            log.warn(
                    "{}: message refused, closing the stream: {} {}",
                    stream,
                    status.getCode(),
                    LogSafe.text(status.getDescription(), 500));
            stream.refuse(status);
        }

        @Override
        public void onError(Throwable error) {
            statusLog.flush(stream.storeId());
            stream.ended("stream failed: " + error);
        }

        @Override
        public void onCompleted() {
            statusLog.flush(stream.storeId());
            stream.ended("the agent closed the stream");
        }
    }

    private static void refuse(ServerCallStreamObserver<ServerMessage> call, Status refusal) {
        try {
            call.onError(refusal.asRuntimeException());
        } catch (RuntimeException e) {
            log.debug("refusing a call that already ended: {}", e.toString());
        }
    }

    /** The inbound side of a refused call: nothing it sends is read. */
    private static final class Ignored implements StreamObserver<AgentMessage> {
        @Override
        public void onNext(AgentMessage value) {}

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
