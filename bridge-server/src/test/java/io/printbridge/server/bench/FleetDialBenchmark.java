package io.printbridge.server.bench;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.printbridge.agent.link.Backoff;
import io.printbridge.server.grpc.HandshakeAdmission;
import io.printbridge.server.testing.Bridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fleet that dials at once, at the TLS level: {@code bench.clients} gRPC channels, each with its
 * own client TLS context (so no handshake resumes another's session, as after a restart), dial the
 * real server at the same moment, in this JVM, on this machine's cores. A channel that fails
 * (refused before TLS, handshake timed out) dials again after the agent's own backoff (500 ms to
 * 30 s, full jitter), as AgentLink does. Prints every second how many are connected (transport
 * READY: TLS and HTTP/2 settings done), how many clients failed at least once (grpc keeps a
 * channel in TRANSIENT_FAILURE across its later failures, so the failed dials themselves are the
 * server's counts: refused, expired, failed) and the admission's counters, then the
 * time until all were connected and the CPU per handshake by thread group (the server's event loops
 * are {@code grpc-nio-worker-ELG}, the clients' {@code fleet-client}).
 *
 * <p>Streams and Hellos are not part of this: the fleet simulator measures a fleet of whole agents.
 *
 * <p>Run: {@code mvn -B -ntp -Pfleet-dial -DskipTests verify -pl bridge-server -am}; {@code
 * -Dbench.clients=N} (10000), {@code -Dbench.maxHandshakes=N} (the server's default when 0; a
 * huge number turns admission off in effect), {@code -Dbench.maxQueued=N} (2000), {@code
 * -Dbench.limitSeconds=S} (180) after which the run stops even if not all are connected. Figures in
 * BENCHMARKS.md.
 */
public final class FleetDialBenchmark {

    private FleetDialBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 10_000);
        int maxHandshakes = Integer.getInteger("bench.maxHandshakes", 0);
        int maxQueued = Integer.getInteger("bench.maxQueued", 2000);
        int limitSeconds = Integer.getInteger("bench.limitSeconds", 180);
        Path dir = Files.createTempDirectory("fleet-dial");
        Map<String, Object> properties = new HashMap<>();
        properties.put("bridge.grpc.max-concurrent-handshakes", maxHandshakes);
        properties.put("bridge.grpc.max-queued-handshakes", maxQueued);
        EventLoopGroup group = new NioEventLoopGroup(2, new DefaultThreadFactory("fleet-client", true));
        ScheduledExecutorService backoffs = Executors.newSingleThreadScheduledExecutor();
        try (Bridge bridge = new Bridge(dir, List.of("fleet-0"), properties)) {
            HandshakeAdmission admission = bridge.server().getBean(HandshakeAdmission.class);
            int port = bridge.grpcPort();
            System.out.printf(
                    "%d clients; server admits %d handshakes at once, %d more may wait; %d cores%n",
                    clients,
                    admission.maxInProgress(),
                    maxQueued,
                    Runtime.getRuntime().availableProcessors());
            List<ManagedChannel> channels = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                SslContext tls = GrpcSslContexts.forClient()
                        .protocols("TLSv1.3")
                        .keyManager(
                                bridge.certs().agentCertificate("fleet-0").toFile(),
                                bridge.certs().agentKey("fleet-0").toFile())
                        .trustManager(bridge.certs().caCertificate().toFile())
                        .build();
                channels.add(NettyChannelBuilder.forAddress("localhost", port)
                        .sslContext(tls)
                        .eventLoopGroup(group)
                        .channelType(NioSocketChannel.class)
                        .directExecutor()
                        .build());
            }
            AtomicInteger ready = new AtomicInteger();
            AtomicLong failedDials = new AtomicLong();
            CpuByThread cpu = new CpuByThread();
            long completedBefore = admission.completed();
            long start = System.nanoTime();
            for (ManagedChannel channel : channels) {
                Dialler dialler = new Dialler(channel, ready, failedDials, backoffs);
                dialler.watch(channel.getState(true));
            }
            long allAt = -1;
            for (int second = 1; second <= limitSeconds; second++) {
                Thread.sleep(1000);
                System.out.printf(
                        "%4d s  connected %6d  ever failed %6d  | server: handshaking %4d, waiting %5d,"
                                + " refused %7d, expired %6d, completed %6d, failed %5d%n",
                        second,
                        ready.get(),
                        failedDials.get(),
                        admission.inProgress(),
                        admission.queued(),
                        admission.refused(),
                        admission.expired(),
                        admission.completed(),
                        admission.failed());
                if (ready.get() == clients) {
                    allAt = System.nanoTime();
                    break;
                }
            }
            long handshakes = admission.completed() - completedBefore;
            if (allAt > 0) {
                System.out.printf(
                        "all %d connected in %.1f s; %d clients failed at least once; failed dials (server: refused + expired +"
                                + " failed) %d; %d handshakes completed (%.0f/s)%n",
                        clients,
                        (allAt - start) / 1e9,
                        failedDials.get(),
                        admission.refused() + admission.expired() + admission.failed(),
                        handshakes,
                        handshakes / ((allAt - start) / 1e9));
            } else {
                System.out.printf(
                        "NOT all connected after %d s: %d of %d, %d failed dials%n",
                        limitSeconds, ready.get(), clients, failedDials.get());
            }
            cpu.print(Math.max(1, handshakes), "completed handshake");
            for (ManagedChannel channel : channels) {
                channel.shutdownNow();
            }
        } finally {
            backoffs.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** One client: counts its first READY, and after each failure dials again after the agent's backoff. */
    private static final class Dialler {
        private final ManagedChannel channel;
        private final AtomicInteger ready;
        private final AtomicLong failedDials;
        private final ScheduledExecutorService backoffs;
        private final Backoff backoff = new Backoff(
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                () -> ThreadLocalRandom.current().nextDouble());
        private boolean connected;

        Dialler(
                ManagedChannel channel,
                AtomicInteger ready,
                AtomicLong failedDials,
                ScheduledExecutorService backoffs) {
            this.channel = channel;
            this.ready = ready;
            this.failedDials = failedDials;
            this.backoffs = backoffs;
        }

        void watch(ConnectivityState seen) {
            channel.notifyWhenStateChanged(seen, () -> changed(channel.getState(false)));
        }

        private void changed(ConnectivityState now) {
            switch (now) {
                case READY -> {
                    if (!connected) {
                        connected = true;
                        ready.incrementAndGet();
                    }
                }
                case TRANSIENT_FAILURE -> {
                    failedDials.incrementAndGet();
                    // As AgentLink: wait out the jittered backoff, then dial now rather than on grpc's schedule.
                    backoffs.schedule(
                            () -> {
                                channel.resetConnectBackoff();
                                channel.getState(true);
                            },
                            backoff.next().toMillis(),
                            TimeUnit.MILLISECONDS);
                }
                case IDLE -> channel.getState(true);
                default -> {}
            }
            if (now != ConnectivityState.SHUTDOWN) {
                watch(now);
            }
        }
    }
}
