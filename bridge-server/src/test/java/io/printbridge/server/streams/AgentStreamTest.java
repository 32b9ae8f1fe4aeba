package io.printbridge.server.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.micronaut.context.ApplicationContext;
import io.printbridge.certs.AgentKeys;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.certs.DevCertificates;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandFailed;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.CommandSucceeded;
import io.printbridge.proto.v1.DisconnectReason;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.Welcome;
import io.printbridge.server.events.BridgeEvents;
import io.printbridge.server.identity.CertificateIssuer;
import io.printbridge.server.identity.CertificateRenewals;
import io.printbridge.server.identity.CertificateStanding;
import io.printbridge.server.identity.IdentityConfig;
import io.printbridge.server.identity.IssuingCa;
import io.printbridge.server.identity.StoreCertificateRepository;
import io.printbridge.server.identity.StoreConflicts;
import io.printbridge.server.identity.StoreRevocationRepository;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobState;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.JobType;
import io.printbridge.server.jobs.JobWaiters;
import io.printbridge.server.jobs.JobsConfig;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.testing.LogCapture;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One agent stream driven by hand: an outbound that records what it is sent, the real job store
 * on an H2 file, and a clock the test moves. No gRPC, no agent.
 */
class AgentStreamTest {

    private static final String STORE = "alger-01";

    @TempDir
    Path dir;

    ApplicationContext context;
    JobStore jobs;
    JobWaiters waiters;
    AgentStreams streams;
    DevCertificates certificates;
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void start() throws IOException {
        // The database and the beans around jobs, without the agents' port or the sweep ("cli"); the
        // store CA the server records at its first start.
        certificates = DevCertificates.create(dir.resolve("certs"), List.of());
        context = ApplicationContext.run(
                Map.of(
                        "bridge.data-dir", dir.resolve("data").toString(),
                        "bridge.jobs.max-in-flight-per-store", 2,
                        "bridge.grpc.client-ca", certificates.caCertificate().toString(),
                        "bridge.grpc.certificate",
                                certificates.serverCertificate().toString(),
                        "bridge.grpc.key", certificates.serverKey().toString()),
                "cli");
        jobs = context.getBean(JobStore.class);
        waiters = context.getBean(JobWaiters.class);
        StreamsConfig limits = new StreamsConfig(
                Duration.ofSeconds(10),
                2,
                100,
                200,
                100_000,
                200_000,
                Duration.ofSeconds(60),
                Duration.ofHours(1),
                6,
                6,
                Duration.ofMillis(300),
                Duration.ofSeconds(60),
                500);
        streams = new AgentStreams(
                jobs,
                waiters,
                context.getBean(BridgeEvents.class),
                context.getBean(StoreDirectory.class),
                context.getBean(JobsConfig.class),
                limits,
                context.getBean(CertificateStanding.class),
                context.getBean(StoreConflicts.class),
                context.getBean(IdentityConfig.class),
                context.getBean(CertificateRenewals.class),
                Clock.fixed(start, ZoneOffset.UTC),
                nanos::get);
    }

    @AfterEach
    void stop() {
        streams.close();
        context.close();
    }

    @Test
    void nothingIsSentBeforeHelloThenWelcomeGoesFirstAndJobsFillTheWindowInOrder() throws Exception {
        RecordingOutbound out = new RecordingOutbound();
        AgentStream stream = streams.open(STORE, "test", out).stream();
        List<Job> stored = store(3);

        assertThat(out.sent).isEmpty();
        stream.hello(hello(), Welcome.newBuilder());

        await(() -> out.commandIds().size() == 2);
        assertThat(out.sent.get(0).hasWelcome()).isTrue();
        assertThat(out.sent.get(0).getWelcome().getStoreId()).isEqualTo(STORE);
        assertThat(out.commandIds())
                .containsExactly(stored.get(0).id(), stored.get(1).id());
        assertThat(stream.inFlight()).isEqualTo(2);
        assertThat(stream.waiting()).isEqualTo(1);
    }

    @Test
    void aResultEndsItsJobOnceStoredTellsItsWaitersAndFreesItsSlotForTheNext() throws Exception {
        RecordingOutbound out = new RecordingOutbound();
        AgentStream stream = delivering(out);
        List<Job> stored = store(3);
        await(() -> out.commandIds().size() == 2);
        CompletableFuture<Optional<Job>> waiter = waiters.awaitNew(stored.get(0).id(), Duration.ofSeconds(10));

        stream.result(done(stored.get(0).id()));

        Optional<Job> ended = waiter.get(10, TimeUnit.SECONDS);
        assertThat(ended).hasValueSatisfying(job -> assertThat(job.state()).isEqualTo(JobState.DONE));
        assertThat(ended.get().knowsWholeHistory()).isTrue();
        assertThat(ended.get().steps())
                .extracting(step -> step.state())
                .containsExactly(JobState.QUEUED, JobState.SENT, JobState.DONE);
        assertThat(out.commandIds())
                .containsExactly(
                        stored.get(0).id(), stored.get(1).id(), stored.get(2).id());
        assertThat(jobs.find(stored.get(0).id()).orElseThrow().state()).isEqualTo(JobState.DONE);
    }

    @Test
    void resultsForCommandsNobodySentCostNoWriteAndAreLoggedOncePerMinute() throws Exception {
        RecordingOutbound out = new RecordingOutbound();
        AgentStream stream = delivering(out);
        Job job = store(1).get(0);
        await(() -> out.commandIds().size() == 1);

        try (LogCapture log = new LogCapture(AgentStream.class.getName())) {
            for (int i = 0; i < 1000; i++) {
                stream.result(failed(UUID.randomUUID().toString()));
            }
            nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
            stream.result(failed(UUID.randomUUID().toString()));

            assertThat(log.messages())
                    .filteredOn(m -> m.contains("names no job waiting or in flight"))
                    .hasSize(2);
            assertThat(log.messages())
                    .anySatisfy(m -> assertThat(m).contains("and 999 more such results in the last minute"));
        }
        assertThat(stream.inFlight()).isEqualTo(1);
        assertThat(jobs.find(job.id()).orElseThrow().state()).isIn(JobState.QUEUED, JobState.SENT);
    }

    @Test
    void resultsThatArriveWhileTheQueueIsReadAreKeptAndMatchedOnceItIsIn() throws Exception {
        Job job = store(1).get(0);
        CompletableFuture<Void> queueRead = new CompletableFuture<>();
        AgentStreams slowTakeOver = new AgentStreams(
                holdingTakeOver(jobs, queueRead),
                waiters,
                context.getBean(BridgeEvents.class),
                context.getBean(StoreDirectory.class),
                context.getBean(JobsConfig.class),
                StreamsConfig.defaults(),
                context.getBean(CertificateStanding.class),
                context.getBean(StoreConflicts.class),
                context.getBean(IdentityConfig.class),
                context.getBean(CertificateRenewals.class),
                Clock.fixed(start, ZoneOffset.UTC),
                nanos::get);
        RecordingOutbound out = new RecordingOutbound();
        AgentStream stream = slowTakeOver.open(STORE, "test", out).stream();
        stream.hello(hello(), Welcome.newBuilder());

        // The agent answers a job an earlier stream had sent, before this stream's queue is read.
        stream.result(done(job.id()));
        assertThat(stream.state()).isEqualTo(AgentStream.State.LOADING);
        queueRead.complete(null);

        await(() -> jobs.find(job.id()).orElseThrow().state() == JobState.DONE);
        assertThat(out.commandIds()).as("the answered job is not sent again").isEmpty();
        slowTakeOver.close();
    }

    /** {@code store}, whose take-overs complete only once {@code gate} does. */
    private static JobStore holdingTakeOver(JobStore store, CompletableFuture<Void> gate) {
        return (JobStore) Proxy.newProxyInstance(
                JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class}, (proxy, method, args) -> {
                    Object answer;
                    try {
                        answer = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return method.getName().equals("takeOver")
                            ? ((CompletableFuture<?>) answer).thenCombine(gate, (takeOver, open) -> takeOver)
                            : answer;
                });
    }

    @Test
    void anAgentThatDoesNotReadGetsNothingMoreAndIsClosedAfterTheStall() throws Exception {
        RecordingOutbound out = new RecordingOutbound();
        AgentStream stream = delivering(out);
        out.ready = false;
        store(1);
        stream.heartbeat(1);
        Thread.sleep(200); // the job writer hands the new job to the stream
        assertThat(out.sent).hasSize(1); // the Welcome only: no command, no echo
        assertThat(out.failedWith).isNull();

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
        stream.checkDeadlines(nanos.get());

        assertThat(out.failedWith).isNotNull();
        assertThat(out.failedWith.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(out.failedWith.getDescription()).contains("read nothing for 60 s");
        assertThat(stream.state()).isEqualTo(AgentStream.State.CLOSED);
    }

    @Test
    void aHelloWhileTheServerStopsIsToldToComeBackLaterNotWelcomed() throws Exception {
        RecordingOutbound before = new RecordingOutbound();
        streams.open(STORE, "test", before).stream().hello(hello(), Welcome.newBuilder());
        await(() -> before.sent.stream().anyMatch(ServerMessage::hasWelcome));

        streams.disconnectAll(DisconnectReason.DISCONNECT_REASON_SERVER_SHUTDOWN, "server shutting down");
        // An agent asked back early, on the connection it kept while the port is closed.
        RecordingOutbound late = new RecordingOutbound();
        streams.open(STORE, "test", late).stream().hello(hello(), Welcome.newBuilder());

        assertThat(late.sent).noneMatch(ServerMessage::hasWelcome);
        assertThat(late.sent)
                .filteredOn(ServerMessage::hasDisconnect)
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.getDisconnect().getReason())
                            .isEqualTo(DisconnectReason.DISCONNECT_REASON_SERVER_SHUTDOWN);
                    assertThat(m.getDisconnect().getReconnectAfter().getSeconds())
                            .isBetween(1L, 5L);
                });
    }

    @Test
    void aStreamWhoseCertificateHasEndedIsToldSoAndClosedAtTheNextCheck() throws Exception {
        Path file = certificates.issueAgent(
                STORE, new io.printbridge.certs.Validity(start.minus(Duration.ofDays(2)), start.minusSeconds(1)));
        java.security.cert.X509Certificate ended;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            ended = (java.security.cert.X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        RecordingOutbound out = new RecordingOutbound();
        AgentStream stream = streams.open(STORE, "test", ended, out).stream();
        stream.hello(hello(), Welcome.newBuilder());

        stream.checkDeadlines(nanos.get());

        assertThat(out.sent)
                .filteredOn(ServerMessage::hasDisconnect)
                .singleElement()
                .satisfies(m -> assertThat(m.getDisconnect().getMessage())
                        .contains("certificate for store " + STORE + " expired at "
                                + start.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS)));
    }

    @Test
    void aStreamWithoutHelloIsClosedAtItsDeadlineAndACertificateHoldsFewSuchStreams() {
        RecordingOutbound first = new RecordingOutbound();
        AgentStream silent = streams.open(STORE, "test", first).stream();
        assertThat(streams.open(STORE, "test", new RecordingOutbound()).stream())
                .isNotNull();
        assertThat(streams.open(STORE, "test", new RecordingOutbound()).stream())
                .as("a third waiting stream")
                .isNull();

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(11));
        silent.checkDeadlines(nanos.get());

        assertThat(first.failedWith.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(streams.open(STORE, "test", new RecordingOutbound()).stream())
                .as("the closed one's place is free")
                .isNotNull();
    }

    @Test
    void anAgentSendingFasterThanItsBudgetIsRefusedAndOneWithinItIsNot() {
        AgentStream stream = streams.open(STORE, "test", new RecordingOutbound()).stream();
        int admitted = 0;
        while (stream.admit(10) && admitted < 10_000) {
            admitted++;
        }
        assertThat(admitted).isEqualTo(200); // the burst

        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100)); // 100 messages per second: 10 more
        assertThat(stream.admit(10)).isTrue();
        assertThat(stream.admit(250_000))
                .as("more bytes at once than the byte burst")
                .isFalse();
    }

    @Test
    void aStoreThatReconnectsInALoopIsRefusedBeyondItsBudgetUntilTimePasses() {
        int opened = 0;
        for (int i = 0; i < 20; i++) {
            AgentStream stream = streams.open(STORE, "test", new RecordingOutbound()).stream();
            if (stream != null) {
                opened++;
                stream.ended("the agent closed the stream"); // and comes straight back
            }
        }
        assertThat(opened).isEqualTo(6); // the burst
        assertThat(streams.open("oran-02", "test", new RecordingOutbound()).stream())
                .as("another store is not held back")
                .isNotNull();

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(10)); // 6 a minute: one more
        assertThat(streams.open(STORE, "test", new RecordingOutbound()).stream())
                .isNotNull();
        assertThat(streams.open(STORE, "test", new RecordingOutbound()).stream())
                .isNull();
    }

    @Test
    void refusalsAreHeldBackSoAReconnectLoopSlowsDownButOnlyAFewAtATime() throws Exception {
        java.util.concurrent.CountDownLatch refused = new java.util.concurrent.CountDownLatch(3);

        assertThat(streams.refuseLater(STORE, refused::countDown)).isTrue();
        assertThat(streams.refuseLater(STORE, refused::countDown)).isTrue();
        assertThat(refused.getCount()).as("held, not refused yet").isEqualTo(3);
        assertThat(streams.refuseLater(STORE, refused::countDown))
                .as("a third held refusal")
                .isFalse();
        assertThat(refused.getCount()).as("refused at once").isEqualTo(2);

        assertThat(refused.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(streams.refuseLater(STORE, () -> {}))
                .as("the held ones' places are free")
                .isTrue();
    }

    @Test
    void aNewStreamOfTheSameStoreReplacesTheOldOneWhoseSentJobsGoOutAgainOnTheNew() throws Exception {
        RecordingOutbound oldOut = new RecordingOutbound();
        delivering(oldOut);
        Job job = store(1).get(0);
        await(() -> oldOut.commandIds().size() == 1);

        RecordingOutbound newOut = new RecordingOutbound();
        AgentStream replacement = streams.open(STORE, "test", newOut).stream();
        replacement.hello(hello(), Welcome.newBuilder());

        assertThat(oldOut.sent)
                .anySatisfy(m -> assertThat(m.getDisconnect().getReason())
                        .isEqualTo(DisconnectReason.DISCONNECT_REASON_SUPERSEDED));
        assertThat(oldOut.completed).isTrue();
        await(() -> newOut.commandIds().contains(job.id()));
        assertThat(streams.find(STORE)).containsSame(replacement);
    }

    private AgentStream delivering(RecordingOutbound out) throws Exception {
        AgentStream stream = streams.open(STORE, "test", out).stream();
        stream.hello(hello(), Welcome.newBuilder());
        await(() -> stream.state() == AgentStream.State.DELIVERING);
        return stream;
    }

    private List<Job> store(int count) throws Exception {
        List<Job> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant created = start.plusMillis(i);
            made.add(Job.queued(
                    UUID.randomUUID().toString(),
                    STORE,
                    JobType.RAW,
                    "",
                    new JobPayload.Print(new byte[] {(byte) i}),
                    created,
                    created.plusSeconds(3600),
                    "erp",
                    null,
                    null));
        }
        jobs.insert(made, 1000).get(10, TimeUnit.SECONDS);
        made.forEach(streams::offer);
        return made;
    }

    private static Hello hello() {
        return Hello.newBuilder()
                .setAgentVersion("test")
                .setProtocolVersion(2)
                .addPrinters(Printer.newBuilder().setName("receipt").setIsDefault(true))
                .build();
    }

    private static CommandResult done(String id) {
        return CommandResult.newBuilder()
                .setCommandId(id)
                .setSucceeded(CommandSucceeded.newBuilder().setBytesWritten(1))
                .build();
    }

    private static CommandResult failed(String id) {
        return CommandResult.newBuilder()
                .setCommandId(id)
                .setFailed(CommandFailed.newBuilder()
                        .setCode(FailureCode.FAILURE_CODE_PAPER_OUT)
                        .setMessage("paper out"))
                .build();
    }

    @Test
    void anExpiredJobThePreviousServerMayHaveSentIsAskedOfTheAgentAndOneMadeHereIsExpired() throws Exception {
        // Made before this server started: its predecessor may have sent it just before it was
        // killed, its SENT not yet written. Made after: this server knows it never sent it.
        Job before = job(start.minusSeconds(60), start.minusSeconds(1));
        Job after = job(start, start);
        jobs.insert(List.of(before, after), 1000).get(10, TimeUnit.SECONDS);
        streams.offer(before);
        streams.offer(after);
        RecordingOutbound out = new RecordingOutbound();
        delivering(out);

        await(() -> out.commandIds().contains(before.id()));
        Command asked = out.sent.stream()
                .filter(ServerMessage::hasCommand)
                .map(ServerMessage::getCommand)
                .filter(c -> c.getId().equals(before.id()))
                .findFirst()
                .orElseThrow();
        assertThat(asked.getTimeToLive().getSeconds()).isZero();
        assertThat(asked.getTimeToLive().getNanos()).isZero();
        await(() -> jobs.find(after.id()).orElseThrow().state() == JobState.EXPIRED);
        assertThat(out.commandIds()).doesNotContain(after.id());
    }

    private static Job job(Instant created, Instant expires) {
        return Job.queued(
                UUID.randomUUID().toString(),
                STORE,
                JobType.RAW,
                "",
                new JobPayload.Print(new byte[] {1}),
                created,
                expires,
                "erp",
                null,
                null);
    }

    @Test
    void aRenewalIsAnsweredOnlyAfterTheWelcomeAndAServerWithoutTheCaKeySaysWhyItRefuses() throws Exception {
        RecordingOutbound out = new RecordingOutbound();
        AgentStream stream = streams.open(STORE, "test", out).stream();
        byte[] request = CertificateRequests.create(AgentKeys.generate(), "till");

        stream.renew(request);
        assertThat(out.sent).isEmpty();
        stream.hello(hello(), Welcome.newBuilder());
        stream.renew(request);

        await(() -> out.sent.stream().anyMatch(ServerMessage::hasRenewalRefused));
        assertThat(out.sent.get(0).hasWelcome()).isTrue();
        assertThat(out.sent.stream()
                        .filter(ServerMessage::hasRenewalRefused)
                        .map(m -> m.getRenewalRefused().getMessage()))
                .singleElement()
                .asString()
                .startsWith("this server holds no issuing CA key, so it cannot renew certificates")
                .contains("the agent keeps its certificate");
    }

    @Test
    void oneRenewalAtATimePerStreamAndItsAnswerGoesOutOnTheStream() throws Exception {
        List<CompletableFuture<CertificateRenewals.Outcome>> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        CertificateRenewals holding =
                new CertificateRenewals(
                        context.getBean(CertificateIssuer.class),
                        context.getBean(IssuingCa.class),
                        context.getBean(StoreCertificateRepository.class),
                        context.getBean(StoreRevocationRepository.class),
                        context.getBean(IdentityConfig.class),
                        Clock.systemUTC(),
                        java.util.concurrent.Executors.newSingleThreadExecutor()) {
                    @Override
                    public CompletableFuture<Outcome> renew(
                            String storeId,
                            String hostname,
                            java.security.cert.@Nullable X509Certificate current,
                            byte[] r) {
                        CompletableFuture<Outcome> answer = new CompletableFuture<>();
                        held.add(answer);
                        return answer;
                    }
                };
        AgentStreams renewing = new AgentStreams(
                jobs,
                waiters,
                context.getBean(BridgeEvents.class),
                context.getBean(StoreDirectory.class),
                context.getBean(JobsConfig.class),
                StreamsConfig.defaults(),
                context.getBean(CertificateStanding.class),
                context.getBean(StoreConflicts.class),
                context.getBean(IdentityConfig.class),
                holding,
                Clock.fixed(start, ZoneOffset.UTC),
                nanos::get);
        RecordingOutbound out = new RecordingOutbound();
        AgentStream stream = renewing.open(STORE, "test", out).stream();
        stream.hello(hello(), Welcome.newBuilder());
        byte[] request = CertificateRequests.create(AgentKeys.generate(), "till");

        stream.renew(request);
        stream.renew(request);

        assertThat(held).hasSize(1);
        assertThat(refusals(out))
                .containsExactly("a renewal is already being issued on this connection (expected: one" + " at a time)");
        held.get(0).complete(new CertificateRenewals.Outcome.Refused("too many renewals"));
        assertThat(refusals(out)).endsWith("too many renewals");
        stream.renew(request);
        assertThat(held).hasSize(2);
        renewing.close();
    }

    private static List<String> refusals(RecordingOutbound out) {
        return out.sent.stream()
                .filter(ServerMessage::hasRenewalRefused)
                .map(m -> m.getRenewalRefused().getMessage())
                .toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    /** The outbound side as a list; ready unless a test says otherwise. */
    static final class RecordingOutbound implements Outbound {
        final List<ServerMessage> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean ready = true;
        volatile boolean completed;
        volatile @Nullable Status failedWith;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public boolean send(ServerMessage message) {
            sent.add(message);
            return true;
        }

        @Override
        public void complete() {
            completed = true;
        }

        @Override
        public void fail(Status status) {
            failedWith = status;
        }

        List<String> commandIds() {
            return sent.stream()
                    .filter(ServerMessage::hasCommand)
                    .map(m -> m.getCommand().getId())
                    .toList();
        }
    }
}
