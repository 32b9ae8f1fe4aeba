package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Duration;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.HeartbeatEcho;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.Welcome;
import io.printbridge.server.agents.AgentSession;
import io.printbridge.server.agents.StoreDirectory;
import io.printbridge.server.jobs.JobService;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of {@code AgentLink.Connect}: one {@link AgentSession} per stream, for the
 * store named by the caller's certificate (set by {@link StoreIdentityInterceptor}).
 */
final class AgentLinkService extends AgentLinkGrpc.AgentLinkImplBase {

    private static final Logger log = LoggerFactory.getLogger(AgentLinkService.class);

    private final JobService jobs;
    private final StoreDirectory stores;
    private final Clock clock;
    private final Duration heartbeatInterval;
    private final String serverVersion;

    AgentLinkService(JobService jobs, StoreDirectory stores, Clock clock, java.time.Duration heartbeatInterval,
            String serverVersion) {
        this.jobs = requireNonNull(jobs, "jobs");
        this.stores = requireNonNull(stores, "stores");
        this.clock = requireNonNull(clock, "clock");
        this.heartbeatInterval = ProtoDurations.of(heartbeatInterval);
        this.serverVersion = requireNonNull(serverVersion, "serverVersion");
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

        Inbound(AgentSession session) {
            this.session = session;
        }

        @Override
        public void onNext(AgentMessage message) {
            session.seen(clock.instant());
            switch (message.getKindCase()) {
                case HELLO -> hello(message.getHello());
                case HEARTBEAT -> {
                    stores.seen(session.storeId(), clock.instant());
                    session.send(ServerMessage.newBuilder()
                            .setHeartbeatEcho(HeartbeatEcho.newBuilder().setSequence(message.getHeartbeat().getSequence())
                                    .setServerTime(ProtoTimestamps.of(clock.instant())))
                            .build());
                }
                case ACK -> jobs.acknowledged(session, message.getAck().getCommandId());
                case RESULT -> jobs.resultReceived(session, message.getResult());
                case STATUS_CHANGED -> {
                    var change = message.getStatusChanged();
                    log.info("{}: printer {} is now {}", session, change.getPrinter(), change.getStatus().getDetail());
                    stores.printerStatus(session.storeId(), change.getPrinter(), change.getStatus(), clock.instant());
                }
                case KIND_NOT_SET -> log.debug("{}: ignoring a message this server does not know (newer agent)", session);
            }
        }

        private void hello(Hello hello) {
            if (session.hello() != null) {
                log.warn("{}: second Hello ignored", session);
                return;
            }
            session.hello(hello);
            log.info("{} connected: agent {}, host {}, printers {}", session, hello.getAgentVersion(), hello.getHostname(),
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
            jobs.agentDisconnected(session, "stream failed: " + error);
        }

        @Override
        public void onCompleted() {
            jobs.agentDisconnected(session, "the agent closed the stream");
        }
    }
}
