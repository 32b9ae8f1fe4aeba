package io.printbridge.server.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.printbridge.certs.DevCertificates;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.CommandFailed;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.Heartbeat;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterCapabilities;
import io.printbridge.proto.v1.PrinterState;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.proto.v1.PrinterStatusChanged;
import io.printbridge.proto.v1.ServerMessage;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A hostile agent holding a real certificate: it says Hello, then sends as fast as its transport
 * takes them status changes, heartbeats, results for command ids the server never sent and
 * oversized results, and throws away what the server sends back; when the server ends the stream
 * it opens another at once, on the same connection. What a broken or compromised shop PC could
 * do; the server must not let it slow or stall any other store.
 */
final class FloodingAgent implements AutoCloseable {

    private final ManagedChannel channel;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong streams = new AtomicLong();
    private volatile boolean stopped;
    private volatile @Nullable String endedBecause;
    private final java.util.Set<ClientCallStreamObserver<AgentMessage>> open =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final String bigMessage = "x".repeat(3000);
    private final AtomicLong counter = new AtomicLong();

    FloodingAgent(DevCertificates certs, String storeId, int port) throws IOException {
        this.channel = NettyChannelBuilder.forAddress("localhost", port)
                .sslContext(GrpcSslContexts.forClient()
                        .keyManager(
                                certs.agentCertificate(storeId).toFile(),
                                certs.agentKey(storeId).toFile())
                        .trustManager(certs.caCertificate().toFile())
                        .protocols("TLSv1.3")
                        .build())
                .maxInboundMessageSize(4 * 1024 * 1024)
                .build();
    }

    /** Opens {@code parallel} streams at once, each replaced the moment the server ends it. */
    void start(int parallel) {
        for (int i = 0; i < parallel; i++) {
            start();
        }
    }

    /** Opens a stream, says Hello, then floods from the transport's own thread whenever it is ready. */
    void start() {
        if (stopped) {
            return;
        }
        streams.incrementAndGet();
        AgentLinkGrpc.newStub(channel)
                .connect(new ClientResponseObserver<AgentMessage, ServerMessage>() {
                    private @Nullable ClientCallStreamObserver<AgentMessage> stream;

                    @Override
                    public void beforeStart(ClientCallStreamObserver<AgentMessage> stream) {
                        this.stream = stream;
                        open.add(stream);
                        // What the server sends is read and dropped: an agent that reads nothing at all is
                        // AgentStreamTest's (it stalls itself, and the server closes it after a while).
                        stream.setOnReadyHandler(() -> flood(stream));
                    }

                    @Override
                    public void onNext(ServerMessage value) {}

                    @Override
                    public void onError(Throwable t) {
                        endedBecause = t.toString();
                        open.remove(stream);
                        start(); // and again, at once
                    }

                    @Override
                    public void onCompleted() {
                        endedBecause = "the server completed the stream";
                        open.remove(stream);
                        start();
                    }
                })
                .onNext(AgentMessage.newBuilder()
                        .setHello(Hello.newBuilder()
                                .setAgentVersion("flood")
                                .setProtocolVersion(2)
                                .setHostname("flooder")
                                .addPrinters(Printer.newBuilder()
                                        .setName("receipt")
                                        .setIsDefault(true)
                                        .setCapabilities(PrinterCapabilities.newBuilder()
                                                .setPaperWidthMm(80)
                                                .setColumns(48)
                                                .setDotsPerLine(576)
                                                .setCanReadStatus(true)
                                                .setHasDrawer(true))))
                        .build());
    }

    private void flood(ClientCallStreamObserver<AgentMessage> stream) {
        while (!stopped && stream.isReady()) {
            try {
                stream.onNext(next());
            } catch (RuntimeException e) {
                return; // cancelled by the server
            }
            sent.incrementAndGet();
        }
    }

    private AgentMessage next() {
        long n = counter.getAndIncrement();
        return switch ((int) (n % 4)) {
            case 0 ->
                AgentMessage.newBuilder()
                        .setStatusChanged(PrinterStatusChanged.newBuilder()
                                .setPrinter("receipt")
                                .setStatus(PrinterStatus.newBuilder()
                                        .setState(
                                                n % 8 == 0
                                                        ? PrinterState.PRINTER_STATE_NOT_READY
                                                        : PrinterState.PRINTER_STATE_READY)
                                        .setPaperEnd(n % 8 == 0)
                                        .setDetail(n % 8 == 0 ? "paper out" : "ready")))
                        .build();
            case 1 ->
                AgentMessage.newBuilder()
                        .setHeartbeat(Heartbeat.newBuilder().setSequence(n))
                        .build();
            case 2 ->
                AgentMessage.newBuilder()
                        .setResult(CommandResult.newBuilder()
                                .setCommandId(UUID.randomUUID().toString())
                                .setFailed(CommandFailed.newBuilder()
                                        .setCode(FailureCode.FAILURE_CODE_PAPER_OUT)
                                        .setMessage("paper out")))
                        .build();
            default ->
                AgentMessage.newBuilder()
                        .setResult(CommandResult.newBuilder()
                                .setCommandId(UUID.randomUUID().toString())
                                .setFailed(CommandFailed.newBuilder()
                                        .setCode(FailureCode.FAILURE_CODE_PRINTER_ERROR)
                                        .setMessage(bigMessage))
                                .setPrinterStatus(PrinterStatus.newBuilder().setDetail(bigMessage)))
                        .build();
        };
    }

    long sent() {
        return sent.get();
    }

    /** How many streams it opened (the first, and one after each the server ended). */
    long streams() {
        return streams.get();
    }

    /** Why the server ended the last stream it ended, or null if it never did. */
    @Nullable
    String endedBecause() {
        return endedBecause;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (ClientCallStreamObserver<AgentMessage> stream : open) {
            stream.cancel("flood over", null);
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
