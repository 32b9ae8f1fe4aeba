package io.printbridge.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.printbridge.agent.exec.CommandExecutor;
import io.printbridge.agent.exec.InMemoryExecutionJournal;
import io.printbridge.agent.exec.PrinterWorker;
import io.printbridge.agent.exec.Printers;
import io.printbridge.agent.exec.Ticker;
import io.printbridge.agent.link.AgentLink;
import io.printbridge.agent.link.Backoff;
import io.printbridge.agent.link.LinkSettings;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import io.printbridge.certs.AgentKeys;
import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.certs.IssuedCertificate;
import io.printbridge.certs.Pem;
import io.printbridge.certs.Validity;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.CertificateRenewed;
import io.printbridge.proto.v1.Disconnect;
import io.printbridge.proto.v1.DisconnectReason;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.RenewalRefused;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.TrustBundle;
import io.printbridge.proto.v1.Welcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's renewal against a scripted in-process server that tells the agent's certificates
 * apart (each channel names the serial of the certificate it was built with, as a TLS handshake
 * would show it): the renewed pair is put in use only once welcomed, a refused one falls back to the
 * pair in use, a refused or lost renewal is asked again, and the link keeps running throughout.
 */
class CertificateRenewalTest {

    private static final CertificateAuthority CA = CertificateAuthority.create("test store CA", Duration.ofDays(30));
    private static final Metadata.Key<String> SERIAL = Metadata.Key.of("x-serial", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> SHOWN = Context.key("serial");

    /** What the scripted server does with a renewal. */
    enum Answer {
        ISSUE,
        REFUSE,
        SILENT
    }

    @TempDir
    Path dir;

    private final String name = InProcessServerBuilder.generateName();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final VirtualPrinter printer = new VirtualPrinter();
    private final Printers printers = new Printers(List.of(new PrinterWorker(
            new EscPosPrinter(
                    PrinterSettings.receipt("receipt", true), new VirtualPrinterTransport(printer), Clock.systemUTC()),
            (n, s) -> {})));

    /** Serials shown at each Hello, in order. */
    private final List<String> hellos = new CopyOnWriteArrayList<>();
    /** Serials welcomed, in order. */
    private final List<String> welcomed = new CopyOnWriteArrayList<>();
    /** Serials the server issued by renewal. */
    private final List<String> issued = new CopyOnWriteArrayList<>();
    /** Serials the server refuses at the Hello (REVOKED). */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    private final AtomicInteger renewals = new AtomicInteger();
    private volatile Answer answer = Answer.ISSUE;
    private volatile boolean refuseWhatItIssues;
    private volatile @Nullable List<X509Certificate> pushTrust;

    private Server server;
    private CertificateFiles files;
    private CertificateRenewal renewal;
    private AgentLink link;
    private IssuedCertificate original;

    @AfterEach
    void stop() {
        if (link != null) {
            link.close();
        }
        if (renewal != null) {
            renewal.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
        scheduler.shutdownNow();
        printers.close();
    }

    @Test
    void aDueCertificateIsRenewedWithANewKeyAndPutInUseOnceItsStreamIsWelcomed() throws Exception {
        start(dueNow());

        await(() -> !issued.isEmpty() && welcomed.contains(issued.get(0)));
        await(() -> serialOf(files.readCurrent()).equals(issued.get(0))
                && CertificateFiles.matches(
                        files.readCurrent().getPublicKey(), Pem.readPrivateKey(dir.resolve("agent.key"))));

        X509Certificate current = files.readCurrent();
        assertThat(current.getPublicKey()).isNotEqualTo(original.certificate().getPublicKey());
        assertThat(Pem.readCertificate(dir.resolve("agent.pem.previous"))).isEqualTo(original.certificate());
        assertThat(CertificateFiles.matches(current.getPublicKey(), Pem.readPrivateKey(dir.resolve("agent.key"))))
                .isTrue();
        assertThat(dir.resolve("agent.pem.next")).doesNotExist();
        assertThat(dir.resolve("agent.key.next")).doesNotExist();
        // Renewed for an hour: the next renewal is due in half an hour or a little more.
        assertThat(renewal.dueAt()).isAfter(Instant.now().plus(Duration.ofMinutes(25)));
        assertThat(hellos).containsSubsequence(serialOf(original.certificate()), issued.get(0));
        assertThat(link.awaitConnected(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aRenewedCertificateTheServerRefusesFallsBackToThePairInUseAndIsRenewedAgainLater() throws Exception {
        refuseWhatItIssues = true;
        start(dueNow());

        await(() -> issued.size() >= 2 && hellos.containsAll(issued.subList(0, 2)));
        await(() -> link.state() == AgentLink.State.CONNECTED
                && welcomed.get(welcomed.size() - 1).equals(serialOf(original.certificate())));

        assertThat(files.readCurrent()).isEqualTo(original.certificate());
        assertThat(CertificateFiles.matches(
                        original.certificate().getPublicKey(), Pem.readPrivateKey(dir.resolve("agent.key"))))
                .isTrue();
        assertThat(welcomed).doesNotContainAnyElementsOf(issued);
    }

    @Test
    void aRefusedRenewalKeepsTheAgentRunningAndIsAskedAgainLater() throws Exception {
        answer = Answer.REFUSE;
        start(dueNow());

        await(() -> renewals.get() >= 2);

        assertThat(link.state()).isEqualTo(AgentLink.State.CONNECTED);
        assertThat(welcomed).containsOnly(serialOf(original.certificate()));
        assertThat(files.readCurrent()).isEqualTo(original.certificate());
        assertThat(dir.resolve("agent.pem.next")).doesNotExist();
    }

    @Test
    void aLostAnswerIsAskedAgainWithoutLockingTheAgentOut() throws Exception {
        answer = Answer.SILENT;
        start(dueNow());

        await(() -> renewals.get() >= 2);
        answer = Answer.ISSUE;
        await(() -> !issued.isEmpty() && serialOf(files.readCurrent()).equals(issued.get(0)));

        assertThat(link.awaitConnected(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aRenewedPairFoundAtStartIsTriedFirst() throws Exception {
        IssuedCertificate inUse = CA.issueAgent("oran-01", Validity.fromNow(Duration.ofDays(20)));
        KeyPair keys = AgentKeys.generate();
        X509Certificate waiting = CA.issueAgentForRequest(
                CertificateRequests.create(keys, "till"), "oran-01", Validity.fromNow(Duration.ofDays(20)));
        writeFiles(inUse);
        CertificateFiles onDisk = new CertificateFiles(tls());
        onDisk.writeNextKey(keys.getPrivate());
        onDisk.writeNextCertificate(waiting);

        start(inUse);

        await(() -> serialOf(files.readCurrent()).equals(serialOf(waiting)));
        assertThat(hellos.get(0)).isEqualTo(serialOf(waiting));
        assertThat(renewals.get()).isZero();
    }

    @Test
    void aTrustBundleFromTheServerReplacesTheCaFile() throws Exception {
        CertificateAuthority rolled = CertificateAuthority.create("next store CA", Duration.ofDays(30));
        pushTrust = List.of(CA.certificate(), rolled.certificate());
        start(CA.issueAgent("oran-01", Validity.fromNow(Duration.ofDays(20))));

        await(() -> trusted().size() == 2);

        assertThat(trusted()).containsExactly(CA.certificate(), rolled.certificate());
        assertThat(renewals.get()).isZero();
    }

    @Test
    void anExpiredCertificateIsNotRenewed() throws Exception {
        Instant now = Instant.now();
        start(CA.issueAgent("oran-01", new Validity(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))));

        await(() -> renewal.state() == CertificateRenewal.State.EXPIRED);

        assertThat(renewals.get()).isZero();
        assertThat(dir.resolve("agent.key.next")).doesNotExist();
    }

    // ------------------------------------------------------------------ harness

    private static IssuedCertificate dueNow() {
        Instant now = Instant.now();
        return CA.issueAgent(
                "oran-01", new Validity(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofMinutes(1))));
    }

    private void start(IssuedCertificate inUse) throws Exception {
        original = inUse;
        if (!Files.exists(dir.resolve("agent.pem"))) {
            writeFiles(inUse);
        }
        ServerInterceptor shown = new ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
                    io.grpc.ServerCall<Q, R> call, Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
                return Contexts.interceptCall(
                        Context.current().withValue(SHOWN, headers.get(SERIAL)), call, headers, next);
            }
        };
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(ServerInterceptors.intercept(new ScriptedServer(), shown))
                .build()
                .start();
        files = new CertificateFiles(tls());
        renewal = new CertificateRenewal(
                files,
                this::channel,
                new RenewalSettings(
                        Duration.ZERO, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(300)),
                new RenewalSchedule(() -> 0.0),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), Math::random),
                scheduler,
                Clock.systemUTC(),
                "till-1");
        LinkSettings settings = new LinkSettings(
                "in-process",
                1,
                Duration.ofSeconds(1),
                2,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10));
        link = new AgentLink(
                renewal,
                settings,
                () -> Hello.newBuilder()
                        .setAgentVersion("test")
                        .setProtocolVersion(3)
                        .build(),
                new CommandExecutor(printers, new InMemoryExecutionJournal(10), Ticker.system()),
                scheduler,
                Ticker.system(),
                new Backoff(settings.backoffBase(), settings.backoffCap(), Math::random),
                tls(),
                Clock.systemUTC());
        renewal.attach(link);
        link.start();
    }

    /** A channel that names the serial of the certificate in {@code tls}, as its handshake would show it. */
    private ManagedChannel channel(TlsFiles tls) throws IOException {
        Path certificate = java.util.Objects.requireNonNull(tls.certificate());
        Metadata headers = new Metadata();
        headers.put(SERIAL, serialOf(Pem.readCertificate(certificate)));
        return InProcessChannelBuilder.forName(name)
                .directExecutor()
                .intercept(MetadataUtils.newAttachHeadersInterceptor(headers))
                .build();
    }

    private void writeFiles(IssuedCertificate inUse) throws IOException {
        inUse.writePem(dir, "agent");
        CA.writePem(dir, "ca");
    }

    private TlsFiles tls() {
        return new TlsFiles(dir.resolve("agent.pem"), dir.resolve("agent.key"), dir.resolve("ca.pem"));
    }

    private List<X509Certificate> trusted() throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
        }
    }

    private static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private void await(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s; hellos " + hellos + ", welcomed " + welcomed
                        + ", issued " + issued + ", renewals " + renewals + ", renewal " + renewal.state()
                        + ", in use " + serialOf(files.readCurrent()) + ", its key "
                        + CertificateFiles.matches(
                                files.readCurrent().getPublicKey(), Pem.readPrivateKey(dir.resolve("agent.key")))
                        + ", files " + java.util.Arrays.toString(dir.toFile().list()));
            }
            Thread.sleep(10);
        }
    }

    /** Welcomes (protocol revision 3) or refuses each stream by the serial it shows, and answers renewals as told. */
    private final class ScriptedServer extends AgentLinkGrpc.AgentLinkImplBase {
        @Override
        public StreamObserver<AgentMessage> connect(StreamObserver<ServerMessage> out) {
            String serial = SHOWN.get();
            return new StreamObserver<>() {
                @Override
                public void onNext(AgentMessage message) {
                    if (message.hasHello()) {
                        hello(serial, out);
                    } else if (message.hasRenew()) {
                        renew(message.getRenew().getCertificateRequest(), out);
                    }
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {
                    out.onCompleted();
                }
            };
        }

        private void hello(String serial, StreamObserver<ServerMessage> out) {
            hellos.add(serial);
            if (refused.contains(serial)) {
                out.onNext(ServerMessage.newBuilder()
                        .setDisconnect(Disconnect.newBuilder()
                                .setReason(DisconnectReason.DISCONNECT_REASON_REVOKED)
                                .setMessage("this certificate is refused"))
                        .build());
                out.onCompleted();
                return;
            }
            welcomed.add(serial);
            out.onNext(ServerMessage.newBuilder()
                    .setWelcome(Welcome.newBuilder()
                            .setStoreId("oran-01")
                            .setProtocolVersion(3)
                            .setHeartbeatInterval(
                                    com.google.protobuf.Duration.newBuilder().setSeconds(15)))
                    .build());
            List<X509Certificate> bundle = pushTrust;
            if (bundle != null) {
                TrustBundle.Builder trust = TrustBundle.newBuilder();
                bundle.forEach(ca -> trust.addCaCertificates(der(ca)));
                out.onNext(ServerMessage.newBuilder().setTrust(trust).build());
            }
        }

        private void renew(ByteString request, StreamObserver<ServerMessage> out) {
            renewals.incrementAndGet();
            switch (answer) {
                case ISSUE -> {
                    Instant now = Instant.now();
                    X509Certificate certificate = CA.issueAgentForRequest(
                            request.toByteArray(),
                            "oran-01",
                            new Validity(now.minusSeconds(1), now.plus(Duration.ofHours(1))));
                    issued.add(serialOf(certificate));
                    if (refuseWhatItIssues) {
                        refused.add(serialOf(certificate));
                    }
                    out.onNext(ServerMessage.newBuilder()
                            .setRenewed(CertificateRenewed.newBuilder()
                                    .setCertificate(der(certificate))
                                    .addCaCertificates(der(CA.certificate())))
                            .build());
                }
                case REFUSE ->
                    out.onNext(ServerMessage.newBuilder()
                            .setRenewalRefused(RenewalRefused.newBuilder().setMessage("too many renewals"))
                            .build());
                case SILENT -> {}
            }
        }
    }

    private static ByteString der(X509Certificate certificate) {
        try {
            return ByteString.copyFrom(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
