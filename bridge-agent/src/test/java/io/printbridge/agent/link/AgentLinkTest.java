package io.printbridge.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.printbridge.agent.exec.CommandExecutor;
import io.printbridge.agent.exec.InMemoryExecutionJournal;
import io.printbridge.agent.exec.PrinterWorker;
import io.printbridge.agent.exec.Printers;
import io.printbridge.agent.exec.Ticker;
import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.Disconnect;
import io.printbridge.proto.v1.DisconnectReason;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.PrintBytes;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.Welcome;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The link against a scripted in-process server: what the agent does when the server misbehaves. */
class AgentLinkTest {

    private final String name = InProcessServerBuilder.generateName();
    private final AtomicInteger streams = new AtomicInteger();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final VirtualPrinter printer = new VirtualPrinter();
    private final Printers printers = new Printers(List.of(new PrinterWorker(
            new EscPosPrinter(
                    PrinterSettings.receipt("receipt", true), new VirtualPrinterTransport(printer), Clock.systemUTC()),
            (n, s) -> {})));
    private Server server;
    private ManagedChannel channel;
    private AgentLink link;

    @AfterEach
    void stop() {
        link.close();
        channel.shutdownNow();
        server.shutdownNow();
        scheduler.shutdownNow();
        printers.close();
    }

    @Test
    void serverThatGoesSilentIsDetectedAsDeadAndDialledAgain() throws Exception {
        // Welcomes every stream, then never echoes a heartbeat: a stuck server behind a live TCP connection.
        start(new AgentLinkGrpc.AgentLinkImplBase() {
            @Override
            public StreamObserver<AgentMessage> connect(StreamObserver<ServerMessage> out) {
                streams.incrementAndGet();
                return new Ignoring() {
                    @Override
                    public void onNext(AgentMessage message) {
                        if (message.hasHello()) {
                            out.onNext(welcome(1));
                        }
                    }
                };
            }
        });

        assertThat(link.awaitConnected(java.time.Duration.ofSeconds(5))).isTrue();
        awaitStreams(2, java.time.Duration.ofSeconds(10));

        assertThat(streams.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void serverShutdownNoticeMakesTheAgentComeBackAfterTheGivenDelay() throws Exception {
        start(new AgentLinkGrpc.AgentLinkImplBase() {
            @Override
            public StreamObserver<AgentMessage> connect(StreamObserver<ServerMessage> out) {
                int number = streams.incrementAndGet();
                return new Ignoring() {
                    @Override
                    public void onNext(AgentMessage message) {
                        if (message.hasHello()) {
                            out.onNext(welcome(15));
                            if (number == 1) {
                                out.onNext(ServerMessage.newBuilder()
                                        .setDisconnect(Disconnect.newBuilder()
                                                .setReason(DisconnectReason.DISCONNECT_REASON_SERVER_SHUTDOWN)
                                                .setReconnectAfter(
                                                        Duration.newBuilder().setNanos(200_000_000)))
                                        .build());
                                out.onCompleted();
                            }
                        }
                    }
                };
            }
        });

        awaitStreams(2, java.time.Duration.ofSeconds(5));
        assertThat(link.awaitConnected(java.time.Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void revokedNoticeStopsTheAgentForGood() throws Exception {
        start(new AgentLinkGrpc.AgentLinkImplBase() {
            @Override
            public StreamObserver<AgentMessage> connect(StreamObserver<ServerMessage> out) {
                streams.incrementAndGet();
                return new Ignoring() {
                    @Override
                    public void onNext(AgentMessage message) {
                        out.onNext(welcome(15));
                        out.onNext(ServerMessage.newBuilder()
                                .setDisconnect(Disconnect.newBuilder()
                                        .setReason(DisconnectReason.DISCONNECT_REASON_REVOKED)
                                        .setMessage("certificate revoked"))
                                .build());
                    }
                };
            }
        });

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (link.state() != AgentLink.State.STOPPED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(500);

        assertThat(link.state()).isEqualTo(AgentLink.State.STOPPED);
        assertThat(streams.get()).isEqualTo(1);
    }

    @Test
    void onlyACommandStillRunningAMomentAfterItsReceiptIsAcknowledgedOnItsOwn() throws Exception {
        List<AgentMessage> heard = new CopyOnWriteArrayList<>();
        AtomicReference<StreamObserver<ServerMessage>> toAgent = new AtomicReference<>();
        start(new AgentLinkGrpc.AgentLinkImplBase() {
            @Override
            public StreamObserver<AgentMessage> connect(StreamObserver<ServerMessage> out) {
                return new Ignoring() {
                    @Override
                    public void onNext(AgentMessage message) {
                        if (message.hasHello()) {
                            out.onNext(welcome(15));
                            toAgent.set(out);
                        } else if (!message.hasHeartbeat()) {
                            heard.add(message);
                        }
                    }
                };
            }
        });
        assertThat(link.awaitConnected(java.time.Duration.ofSeconds(5))).isTrue();
        while (toAgent.get() == null) {
            Thread.sleep(5);
        }

        toAgent.get().onNext(print("quick"));
        awaitResult(heard, "quick");
        Thread.sleep(2 * AgentLink.ACK_AFTER_MILLIS);
        printer.delayPerWrite(java.time.Duration.ofMillis(4 * AgentLink.ACK_AFTER_MILLIS));
        toAgent.get().onNext(print("slow"));
        awaitResult(heard, "slow");

        assertThat(heard)
                .extracting(m -> m.getKindCase() + " "
                        + (m.hasAck()
                                ? m.getAck().getCommandId()
                                : m.getResult().getCommandId()))
                .containsExactly("RESULT quick", "ACK slow", "RESULT slow");
    }

    private static ServerMessage print(String id) {
        return ServerMessage.newBuilder()
                .setCommand(Command.newBuilder()
                        .setId(id)
                        .setTimeToLive(Duration.newBuilder().setSeconds(60))
                        .setPrint(PrintBytes.newBuilder().setData(ByteString.copyFromUtf8(id + "\n"))))
                .build();
    }

    private static void awaitResult(List<AgentMessage> heard, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (heard.stream()
                .noneMatch(m -> m.hasResult() && m.getResult().getCommandId().equals(id))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no result for " + id + "; heard " + heard);
            }
            Thread.sleep(5);
        }
    }

    private void start(AgentLinkGrpc.AgentLinkImplBase service) throws Exception {
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(service)
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        LinkSettings settings = new LinkSettings(
                "in-process",
                1,
                java.time.Duration.ofSeconds(1),
                2,
                java.time.Duration.ofMillis(50),
                java.time.Duration.ofMillis(200),
                java.time.Duration.ofSeconds(30),
                java.time.Duration.ofSeconds(10));
        link = new AgentLink(
                channel,
                () -> {},
                settings,
                () -> Hello.newBuilder().setAgentVersion("test").build(),
                new CommandExecutor(printers, new InMemoryExecutionJournal(10), Ticker.system()),
                scheduler,
                Ticker.system(),
                new Backoff(settings.backoffBase(), settings.backoffCap(), Math::random));
        link.start();
    }

    private void awaitStreams(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + streams.get() + " stream(s) within " + timeout);
            }
            Thread.sleep(10);
        }
    }

    private static ServerMessage welcome(int heartbeatSeconds) {
        return ServerMessage.newBuilder()
                .setWelcome(Welcome.newBuilder()
                        .setStoreId("test-store")
                        .setHeartbeatInterval(Duration.newBuilder().setSeconds(heartbeatSeconds)))
                .build();
    }

    private abstract static class Ignoring implements StreamObserver<AgentMessage> {
        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
    }
}
