package io.printbridge.server.bench;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.stub.StreamObserver;
import io.printbridge.agent.exec.ExecutionJournal;
import io.printbridge.agent.exec.FileExecutionJournal;
import io.printbridge.agent.exec.InMemoryExecutionJournal;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Heartbeat;
import io.printbridge.proto.v1.HeartbeatEcho;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.testing.Bridge;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * How much the bridge adds to a bare gRPC round trip. Measures, in one run on one machine:
 * <ol>
 *   <li>the product path: ERP HTTP POST with {@code ?wait} → server → mTLS stream → agent →
 *       virtual printer → result → HTTP answer, one job at a time;</li>
 *   <li>an authenticated HTTP GET of the store list, to show what HTTP alone costs;</li>
 *   <li>a bare grpc-java bidirectional-stream ping-pong over the same kind of mutual TLS 1.3
 *       connection (same certificates, same shaded Netty), one message at a time.</li>
 * </ol>
 * Run: {@code mvn -B -ntp -Pbench -DskipTests verify -pl bridge-server -am} (see BENCHMARKS.md);
 * {@code -Dbench.jobs=N} sets the number of measured round trips.
 */
public final class RoundTripBenchmark {

    private RoundTripBenchmark() {}

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("bench.jobs", 3000);
        int warmup = Integer.getInteger("bench.warmup", 1000);
        Path dir = Files.createTempDirectory("roundtrip-bench");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");

        // The agent's journal on the disk, forced before each print, as in a shop; -Dbench.journal=memory
        // leaves that flush out (the figures of earlier sessions were measured so).
        boolean fileJournal = !"memory".equals(System.getProperty("bench.journal", "file"));
        // Closed after the bridge (and its agent) that uses it.
        try (AutoCloseable journalFile =
                        fileJournal ? FileExecutionJournal.open(dir.resolve("journal"), 10_000, true) : () -> {};
                Bridge bridge = new Bridge(dir, List.of("bench-store"))) {
            VirtualPrinter printer = new VirtualPrinter();
            ExecutionJournal journal =
                    fileJournal ? (ExecutionJournal) journalFile : new InMemoryExecutionJournal(10_000);
            Bridge.connected(bridge.startAgent("bench-store", printer, journal));
            String body = "{\"type\":\"raw\",\"data\":\"" + Base64.getEncoder().encodeToString(receipt()) + "\"}";

            RoundTrip printJob = () -> {
                HttpResponse<String> response = bridge.post("/api/v1/stores/bench-store/jobs?wait=10", body);
                if (response.statusCode() != 201 || !response.body().contains("\"state\":\"DONE\"")) {
                    throw new IllegalStateException("job not DONE: " + response.statusCode() + " " + response.body());
                }
            };
            long[] firstPass = measure(warmup, jobs, printJob);
            long[] statusJob = measure(warmup, jobs, () -> {
                HttpResponse<String> response =
                        bridge.post("/api/v1/stores/bench-store/jobs?wait=10", "{\"type\":\"status\"}");
                if (!response.body().contains("\"state\":\"DONE\"")) {
                    throw new IllegalStateException("status job not DONE: " + response.body());
                }
            });
            long[] noWait = measure(warmup, jobs, () -> {
                if (bridge.post("/api/v1/stores/bench-store/jobs", body).statusCode() != 201) {
                    throw new IllegalStateException("job not accepted");
                }
            });
            long[] httpOnly = measure(warmup, jobs, () -> {
                if (bridge.get("/api/v1/stores").statusCode() != 200) {
                    throw new IllegalStateException("GET /api/v1/stores failed");
                }
            });
            long[] bare = barePingPong(bridge, warmup, jobs);
            long[] flush = dataSyncs(dir, warmup, jobs);
            // Measured again last, when every path has been compiled: the figure that counts.
            long[] product = measure(0, jobs, printJob);

            System.out.printf("%nround trips on loopback, %d measured after %d warm-up, one at a time%n", jobs, warmup);
            System.out.printf("%-44s %9s %9s %9s %9s%n", "path", "p50 µs", "p99 µs", "mean µs", "per s");
            row("HTTP -> server -> agent -> printer -> HTTP", product);
            row("same, first pass (JIT still warming)", firstPass);
            row("same, status job (no printing)", statusJob);
            row("same, print job without ?wait (accept only)", noWait);
            row("HTTP GET /api/v1/stores alone", httpOnly);
            row("bare grpc-java mTLS bidi ping-pong", bare);
            row("fdatasync of 4 KiB on the data disk", flush);
            System.out.printf(
                    "ratio (product / bare): p50 %.1fx, p99 %.1fx%n",
                    percentile(product, 50) / (double) percentile(bare, 50),
                    percentile(product, 99) / (double) percentile(bare, 99));
            // One durable print round trip cannot cost less than an HTTP request, a gRPC round trip
            // and three flushes: the job's insert, the agent's journal, the result.
            int flushes = fileJournal ? 3 : 2;
            long limit = percentile(httpOnly, 50) + percentile(bare, 50) + flushes * percentile(flush, 50);
            System.out.printf(
                    "physical limit (HTTP GET + gRPC ping-pong + %d x fdatasync, p50s; agent journal: %s): %d µs;"
                            + " product p50 / limit: %.2fx%n",
                    flushes, fileJournal ? "file" : "memory", limit, percentile(product, 50) / (double) limit);
            System.out.printf("printer received %d bytes in %d jobs%n", printer.printed().length, jobs + warmup);
        }
    }

    /** The same certificates and TLS settings as the product, with an echo service and nothing else. */
    private static long[] barePingPong(Bridge bridge, int warmup, int count) throws Exception {
        var certs = bridge.certs();
        Server server = NettyServerBuilder.forPort(0)
                .sslContext(GrpcSslContexts.configure(SslContextBuilder.forServer(
                                        certs.serverCertificate().toFile(),
                                        certs.serverKey().toFile())
                                .trustManager(certs.caCertificate().toFile())
                                .clientAuth(ClientAuth.REQUIRE)
                                .protocols("TLSv1.3"))
                        .build())
                .addService(new AgentLinkGrpc.AgentLinkImplBase() {
                    @Override
                    public StreamObserver<AgentMessage> connect(StreamObserver<ServerMessage> out) {
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(AgentMessage message) {
                                out.onNext(ServerMessage.newBuilder()
                                        .setHeartbeatEcho(HeartbeatEcho.newBuilder()
                                                .setSequence(
                                                        message.getHeartbeat().getSequence()))
                                        .build());
                            }

                            @Override
                            public void onError(Throwable t) {}

                            @Override
                            public void onCompleted() {
                                out.onCompleted();
                            }
                        };
                    }
                })
                .build()
                .start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", server.getPort())
                .sslContext(GrpcSslContexts.forClient()
                        .keyManager(
                                certs.agentCertificate("bench-store").toFile(),
                                certs.agentKey("bench-store").toFile())
                        .trustManager(certs.caCertificate().toFile())
                        .protocols("TLSv1.3")
                        .build())
                .build();
        SynchronousQueue<ServerMessage> echoes = new SynchronousQueue<>();
        StreamObserver<AgentMessage> requests = AgentLinkGrpc.newStub(channel).connect(new StreamObserver<>() {
            @Override
            public void onNext(ServerMessage value) {
                try {
                    echoes.put(value);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        });
        long[] sequence = {0};
        try {
            return measure(warmup, count, () -> {
                requests.onNext(AgentMessage.newBuilder()
                        .setHeartbeat(Heartbeat.newBuilder().setSequence(++sequence[0]))
                        .build());
                if (echoes.poll(10, TimeUnit.SECONDS) == null) {
                    throw new IllegalStateException("no echo within 10 s");
                }
            });
        } finally {
            requests.onCompleted();
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    /** {@code fdatasync} (FileChannel.force without metadata) of a 4 KiB write, in the benchmark's directory. */
    private static long[] dataSyncs(Path dir, int warmup, int count) throws Exception {
        Path file = dir.resolve("fdatasync.bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(4096);
            long[] position = {0};
            return measure(warmup, count, () -> {
                block.rewind();
                channel.write(block, position[0]);
                position[0] = (position[0] + 4096) % (1 << 20);
                channel.force(false);
            });
        }
    }

    interface RoundTrip {
        void run() throws Exception;
    }

    /** Runs {@code trip} {@code warmup} times, then {@code count} times measured: the sorted times in µs. */
    static long[] measure(int warmup, int count, RoundTrip trip) throws Exception {
        for (int i = 0; i < warmup; i++) {
            trip.run();
        }
        long[] micros = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            trip.run();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        return micros;
    }

    private static void row(String name, long[] micros) {
        double mean = Arrays.stream(micros).average().orElse(0);
        System.out.printf(
                "%-44s %9d %9d %9.0f %9.0f%n",
                name, percentile(micros, 50), percentile(micros, 99), mean, 1_000_000 / mean);
    }

    static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static byte[] receipt() {
        byte[] text = "Millefeuille x4          1 000,00\nTotal TTC                1 000,00 DA\n".getBytes();
        byte[] out = new byte[text.length + 6];
        out[0] = 0x1B;
        out[1] = '@';
        System.arraycopy(text, 0, out, 2, text.length);
        out[out.length - 4] = 0x1D;
        out[out.length - 3] = 'V';
        out[out.length - 2] = 66;
        out[out.length - 1] = 0;
        return out;
    }
}
