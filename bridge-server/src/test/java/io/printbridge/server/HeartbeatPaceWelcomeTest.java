package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.testing.Bridge;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Welcome asks for a longer heartbeat interval as the server holds more streams
 * ({@code bridge.grpc.heartbeats-per-second}); here a budget of one heartbeat a second, so the
 * second shop held is asked to beat every 2 s and the third every 3 s, and a shop coming back is
 * paced for every store known.
 */
class HeartbeatPaceWelcomeTest {

    @TempDir
    Path dir;

    private Bridge bridge;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @AfterEach
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void eachWelcomeAsksForAnIntervalSizedToTheStreamsHeld() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("alger-01", "blida-03", "tizi-05"),
                Map.of("bridge.grpc.heartbeat-interval", "1s", "bridge.grpc.heartbeats-per-second", "1"));

        assertThat(welcomedInterval("alger-01")).isEqualTo(Duration.ofSeconds(1));
        assertThat(welcomedInterval("blida-03")).isEqualTo(Duration.ofSeconds(2));
        assertThat(welcomedInterval("tizi-05")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aShopComingBackIsPacedForTheWholeFleetKnownNotForTheFewStreamsHeldYet() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("alger-01", "blida-03", "tizi-05"),
                Map.of("bridge.grpc.heartbeat-interval", "1s", "bridge.grpc.heartbeats-per-second", "1"));
        welcomedInterval("alger-01");
        welcomedInterval("blida-03");
        welcomedInterval("tizi-05");
        channels.forEach(ManagedChannel::shutdownNow);
        channels.clear();
        bridge.await(
                "/api/v1/stores",
                s -> s.findValues("online").stream().noneMatch(JsonNode::asBoolean),
                Duration.ofSeconds(10));

        assertThat(welcomedInterval("blida-03"))
                .as("the first stream held again, of three stores known")
                .isEqualTo(Duration.ofSeconds(3));
    }

    /** Opens a stream for {@code store}, kept open for the rest of the test, and reads its Welcome. */
    private Duration welcomedInterval(String store) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", bridge.grpcPort())
                .sslContext(GrpcSslContexts.forClient()
                        .keyManager(
                                bridge.certs().agentCertificate(store).toFile(),
                                bridge.certs().agentKey(store).toFile())
                        .trustManager(bridge.certs().caCertificate().toFile())
                        .build())
                .build();
        channels.add(channel);
        BlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
        StreamObserver<AgentMessage> toServer = AgentLinkGrpc.newStub(channel).connect(new Collector(received));
        toServer.onNext(AgentMessage.newBuilder()
                .setHello(Hello.newBuilder().setAgentVersion("test"))
                .build());
        ServerMessage first = received.poll(10, TimeUnit.SECONDS);
        assertThat(first).as("a Welcome for " + store).isNotNull();
        assertThat(first.hasWelcome())
                .as("a Welcome for " + store + ": " + first)
                .isTrue();
        return ProtoDurations.toJava(first.getWelcome().getHeartbeatInterval());
    }

    private record Collector(BlockingQueue<ServerMessage> received) implements StreamObserver<ServerMessage> {
        @Override
        public void onNext(ServerMessage value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
