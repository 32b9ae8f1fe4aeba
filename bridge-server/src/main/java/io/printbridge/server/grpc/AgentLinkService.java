package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Duration;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.printbridge.logging.LogSafe;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.HeartbeatEcho;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.Welcome;
import io.printbridge.server.streams.AgentSession;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.jobs.JobService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of {@code AgentLink.Connect}: one {@link AgentSession} per stream, for the
 * store named by the caller's certificate (set by {@link StoreIdentityInterceptor}). Every message
 * is held to {@link AgentMessageLimits} before anything else sees it; text from the agent is made
 * safe ({@link LogSafe}) where it is logged.
 */
final class AgentLinkService extends AgentLinkGrpc.AgentLinkImplBase {

    private static final Logger log = LoggerFactory.getLogger(AgentLinkService.class);
    /** A printer's status changes within this window after a logged one are summed up in one line. */
    private static final java.time.Duration STATUS_LOG_WINDOW = java.time.Duration.ofSeconds(60);

    private final JobService jobs;
    private final StoreDirectory stores;
    private final Clock clock;
    private final Duration heartbeatInterval;
    private final String serverVersion;
    private final StatusChangeLog statusLog;

    AgentLinkService(JobService jobs, StoreDirectory stores, Clock clock, java.time.Duration heartbeatInterval,
            String serverVersion) {
        this.jobs = requireNonNull(jobs, "jobs");
        this.stores = requireNonNull(stores, "stores");
        this.clock = requireNonNull(clock, "clock");
        this.heartbeatInterval = ProtoDurations.of(heartbeatInterval);
        this.serverVersion = requireNonNull(serverVersion, "serverVersion");
        this.statusLog = new StatusChangeLog(clock, STATUS_LOG_WINDOW);
    }

    @Override
    public StreamObserver<AgentMessage> connect(StreamObserver<ServerMessage> responseObserver) {
        String storeId = StoreIdentityInterceptor.STORE_ID.get();
        ServerCallStreamObserver<ServerMessage> outbound = (ServerCallStreamObserver<ServerMessage>) responseObserver;
        AgentSession session = new AgentSession(storeId, PeerAddress.current(), outbound, clock.instant());
        outbound.setOnReadyHandler(() -> {
            if (session.hello() != null) {
                jobs.pump(session);
            }
        });
        outbound.setOnCancelHandler(() -> jobs.agentDisconnected(session, "cancelled by the agent or the network"));
        return new Inbound(session);
    }

    /** Messages from one agent stream. */
    private final class Inbound implements StreamObserver<AgentMessage> {

        private final AgentSession session;
        private final AgentMessageCheck check;
        /** Set once a message was refused: the stream is closing, nothing more from it is taken. */
        private volatile boolean refused;

        Inbound(AgentSession session) {
            this.session = session;
            this.check = new AgentMessageCheck(cut -> log.warn("{}: {}", session, cut));
        }

        @Override
        public void onNext(AgentMessage received) {
            if (refused) {
                return;
            }
            AgentMessage message;
            try {
                message = check.check(received);
            } catch (AgentMessageCheck.RefusedMessageException e) {
                refuse(e.status());
                return;
            }
            session.seen(clock.instant());
            switch (message.getKindCase()) {
                case HELLO -> hello(message.getHello());
                case HEARTBEAT -> {
                    stores.seen(session.storeId(), clock.instant());
                    statusLog.flush(session.storeId());
                    session.send(ServerMessage.newBuilder()
                            .setHeartbeatEcho(HeartbeatEcho.newBuilder().setSequence(message.getHeartbeat().getSequence())
                                    .setServerTime(ProtoTimestamps.of(clock.instant())))
                            .build());
                }
                case ACK -> jobs.acknowledged(session, message.getAck().getCommandId());
                case RESULT -> jobs.resultReceived(session, message.getResult());
                case STATUS_CHANGED -> {
                    var change = message.getStatusChanged();
                    statusLog.changed(session.storeId(), change.getPrinter(), change.getStatus().getDetail());
                    stores.printerStatus(session.storeId(), change.getPrinter(), change.getStatus(), clock.instant());
                }
                case KIND_NOT_SET -> log.debug("{}: ignoring a message this server does not know (newer agent)", session);
            }
        }

        /** Ends the stream with {@code status}, which names the field, its size and the limit. */
        private void refuse(Status status) {
            refused = true;
            log.warn("{}: message refused, closing the stream: {} {}", session, status.getCode(),
                    LogSafe.text(status.getDescription(), 500));
            session.fail(status);
            jobs.agentDisconnected(session, "the server refused a message: " + status.getDescription());
        }

        private void hello(Hello hello) {
            if (session.hello() != null) {
                log.warn("{}: second Hello ignored", session);
                return;
            }
            session.hello(hello);
            log.info("{} connected: agent {}, host {}, printers {}", session, LogSafe.text(hello.getAgentVersion()),
                    LogSafe.text(hello.getHostname()),
                    hello.getPrintersList().stream().map(p -> p.getName() + (p.getIsDefault() ? "*" : "")).toList());
            stores.connected(session.storeId(), hello, clock.instant());
            // Welcome goes out before any command: the agent learns which store it speaks for.
            session.send(ServerMessage.newBuilder()
                    .setWelcome(Welcome.newBuilder()
                            .setStoreId(session.storeId())
                            .setHeartbeatInterval(heartbeatInterval)
                            .setServerVersion(serverVersion)
                            .setServerTime(ProtoTimestamps.of(clock.instant())))
                    .build());
            jobs.agentConnected(session);
        }

        @Override
        public void onError(Throwable error) {
            statusLog.flush(session.storeId());
            jobs.agentDisconnected(session, "stream failed: " + error);
        }

        @Override
        public void onCompleted() {
            statusLog.flush(session.storeId());
            jobs.agentDisconnected(session, "the agent closed the stream");
        }
    }
}
