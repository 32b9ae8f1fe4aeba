package io.printbridge.agent;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.sync.AttendanceUploads;
import io.printbridge.agent.clock.sync.ClockSettings;
import io.printbridge.agent.clock.sync.ClockSetup;
import io.printbridge.agent.clock.sync.ClockWorker;
import io.printbridge.agent.clock.sync.Clocks;
import io.printbridge.agent.clock.sync.ReadCursors;
import io.printbridge.agent.exec.CommandExecutor;
import io.printbridge.agent.exec.ExecutionJournal;
import io.printbridge.agent.exec.PrinterWorker;
import io.printbridge.agent.exec.Printers;
import io.printbridge.agent.exec.StatusMessages;
import io.printbridge.agent.exec.Ticker;
import io.printbridge.agent.identity.CertificateFiles;
import io.printbridge.agent.identity.CertificateRenewal;
import io.printbridge.agent.identity.RenewalSchedule;
import io.printbridge.agent.identity.RenewalSettings;
import io.printbridge.agent.link.AgentChannels;
import io.printbridge.agent.link.AgentLink;
import io.printbridge.agent.link.AgentTlsContexts;
import io.printbridge.agent.link.Backoff;
import io.printbridge.agent.link.DialChannel;
import io.printbridge.agent.link.LinkCredentials;
import io.printbridge.agent.link.LinkSettings;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.PrinterStatus;
import io.printbridge.agent.printer.PrinterTransport;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.ClockStatusChanged;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterCapabilities;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop agent, assembled: its printers, the executor, and the link to the server.
 * {@link #start} returns once the link is dialling; {@link #close} stops everything.
 */
public final class Agent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    /** The additive protocol revision this agent speaks (see agent_link.proto). */
    static final int PROTOCOL_VERSION = 4;

    /** A printer to drive: its settings and how to reach it. */
    public record PrinterDefinition(PrinterSettings settings, PrinterTransport transport, String transportKind) {}

    /** The channels the agent dials on: a fixed one, or those of its certificate's renewal. */
    private final AutoCloseable channels;

    private final ScheduledExecutorService scheduler;
    private final Printers printers;
    private final AgentLink link;
    private final @Nullable CertificateRenewal renewal;
    private final Clocks clocks;

    private Agent(
            AutoCloseable channels,
            ScheduledExecutorService scheduler,
            Printers printers,
            AgentLink link,
            @Nullable CertificateRenewal renewal,
            Clocks clocks) {
        this.clocks = clocks;
        this.channels = channels;
        this.scheduler = scheduler;
        this.printers = printers;
        this.link = link;
        this.renewal = renewal;
    }

    /** Starts an agent that renews its certificate with the default settings. */
    public static Agent start(
            LinkSettings settings,
            TlsFiles tls,
            List<PrinterDefinition> definitions,
            ExecutionJournal journal,
            Duration statusPollInterval)
            throws IOException {
        return start(settings, tls, RenewalSettings.defaults(), definitions, journal, statusPollInterval);
    }

    /**
     * Starts an agent. One with a certificate and key of its own renews them by itself
     * ({@link CertificateRenewal}); one without (a test of the server's refusal), or started with no
     * {@code renewalSettings} (an agent that does not renew, for tests), dials with its files as they are.
     */
    public static Agent start(
            LinkSettings settings,
            TlsFiles tls,
            @Nullable RenewalSettings renewalSettings,
            List<PrinterDefinition> definitions,
            ExecutionJournal journal,
            Duration statusPollInterval)
            throws IOException {
        return start(settings, tls, renewalSettings, definitions, journal, statusPollInterval, ClockSetup.NONE);
    }

    /** Starts an agent that also reads the shop's attendance clocks ({@code clockSetup}). */
    public static Agent start(
            LinkSettings settings,
            TlsFiles tls,
            @Nullable RenewalSettings renewalSettings,
            List<PrinterDefinition> definitions,
            ExecutionJournal journal,
            Duration statusPollInterval,
            ClockSetup clockSetup)
            throws IOException {
        requireNonNull(journal, "journal");
        tls.requireReadable();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "agent-link");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<AgentLink> linkRef = new AtomicReference<>();
        List<PrinterWorker> workers = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (PrinterDefinition definition : definitions) {
            EscPosPrinter printer = new EscPosPrinter(definition.settings(), definition.transport(), Clock.systemUTC());
            workers.add(new PrinterWorker(printer, (name, status) -> {
                AgentLink link = linkRef.get();
                if (link != null) {
                    link.reportStatus(name, StatusMessages.toProto(status));
                }
            }));
            kinds.add(definition.transportKind());
        }
        Printers printers = new Printers(workers);
        readInitialStatus(printers);
        Clocks clocks = clocks(clockSetup, linkRef);
        CommandExecutor executor = new CommandExecutor(printers, journal, Ticker.system(), clocks);
        // One TLS context while the files stay the same: its session cache lets a dial resume.
        AgentTlsContexts tlsContexts = new AgentTlsContexts();
        CertificateRenewal renewal = null;
        LinkCredentials credentials;
        AutoCloseable channels;
        if (renewalSettings != null && tls.certificate() != null && tls.key() != null) {
            renewal = new CertificateRenewal(
                    new CertificateFiles(tls),
                    files -> AgentChannels.open(settings, files, tlsContexts),
                    renewalSettings,
                    new RenewalSchedule(() -> ThreadLocalRandom.current().nextDouble()),
                    new Backoff(
                            renewalSettings.retryBase(),
                            renewalSettings.retryCap(),
                            () -> ThreadLocalRandom.current().nextDouble()),
                    scheduler,
                    Clock.systemUTC(),
                    hostname());
            credentials = renewal;
            channels = renewal;
        } else {
            DialChannel channel = new DialChannel(() -> AgentChannels.open(settings, tls, tlsContexts));
            credentials = LinkCredentials.fixed(channel);
            channels = channel::close;
        }
        AgentLink link = new AgentLink(
                credentials,
                settings,
                () -> hello(printers, kinds, clocks),
                executor,
                scheduler,
                Ticker.system(),
                new Backoff(
                        settings.backoffBase(),
                        settings.backoffCap(),
                        () -> ThreadLocalRandom.current().nextDouble()),
                tls,
                Clock.systemUTC());
        linkRef.set(link);
        link.listen(clocks);
        if (renewal != null) {
            renewal.attach(link);
        }
        printers.all().forEach(worker -> worker.startPolling(scheduler, statusPollInterval));
        link.start();
        clocks.start();
        return new Agent(channels, scheduler, printers, link, renewal, clocks);
    }

    /** One worker per clock; what they send goes on the link's current stream, if any. */
    private static Clocks clocks(ClockSetup setup, AtomicReference<AgentLink> linkRef) {
        Predicate<AgentMessage> stream = message -> {
            AgentLink link = linkRef.get();
            return link != null && link.sendAttendance(message);
        };
        AttendanceUploads uploads = new AttendanceUploads(stream);
        Supplier<Instant> serverClock = () -> {
            AgentLink link = linkRef.get();
            Instant server = link != null ? link.serverNow() : null;
            return server != null ? server : Instant.now();
        };
        ReadCursors cursors = new ReadCursors(setup.cursorDirectory());
        List<ClockWorker> workers = new ArrayList<>();
        for (ClockSettings clock : setup.clocks()) {
            workers.add(new ClockWorker(
                    clock,
                    setup.connector(),
                    uploads,
                    cursors,
                    status -> stream.test(AgentMessage.newBuilder()
                            .setClockStatus(ClockStatusChanged.newBuilder()
                                    .setClock(clock.name())
                                    .setStatus(status))
                            .build()),
                    serverClock,
                    Ticker.system(),
                    new Backoff(
                            Duration.ofSeconds(1),
                            Duration.ofMinutes(1),
                            () -> ThreadLocalRandom.current().nextDouble())));
        }
        return new Clocks(workers, uploads, Ticker.system());
    }

    public AgentLink link() {
        return link;
    }

    public Clocks clocks() {
        return clocks;
    }

    public Printers printers() {
        return printers;
    }

    /** The renewal of this agent's certificate; empty for an agent without a certificate of its own. */
    public Optional<CertificateRenewal> renewal() {
        return Optional.ofNullable(renewal);
    }

    @Override
    public void close() {
        clocks.close();
        link.close();
        printers.close();
        scheduler.shutdownNow();
        try {
            channels.close();
        } catch (Exception e) {
            log.warn("closing the agent's channels failed: {}", e.toString());
        }
    }

    /** Reads every printer's status once, so the first Hello already says how they are. */
    private static void readInitialStatus(Printers printers) {
        List<Future<PrinterStatus>> reads = new ArrayList<>();
        for (PrinterWorker worker : printers.all()) {
            reads.add(worker.submit(worker::refreshStatus));
        }
        for (Future<PrinterStatus> read : reads) {
            try {
                read.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("could not read a printer's status at start: {}", e.toString());
            }
        }
    }

    private static Hello hello(Printers printers, List<String> kinds, Clocks clocks) {
        Hello.Builder hello = Hello.newBuilder()
                .setAgentVersion(AgentVersion.current())
                .setProtocolVersion(PROTOCOL_VERSION)
                .setHostname(hostname())
                // The server logs a clock far from its own: certificates would look not yet valid or expired.
                .setAgentTime(ProtoTimestamps.of(Instant.now()));
        hello.addAllClocks(clocks.hello());
        List<PrinterWorker> all = printers.all();
        for (int i = 0; i < all.size(); i++) {
            PrinterWorker worker = all.get(i);
            PrinterSettings s = worker.printer().settings();
            PrinterStatus status = worker.lastStatus();
            hello.addPrinters(Printer.newBuilder()
                    .setName(s.name())
                    .setIsDefault(worker == printers.defaultPrinter())
                    .setTransport(TransportKinds.toProto(kinds.get(i)))
                    .setCapabilities(PrinterCapabilities.newBuilder()
                            .setPaperWidthMm(s.paperWidthMm())
                            .setColumns(s.columns())
                            .setDotsPerLine(s.dotsPerLine())
                            .setCodePageProfile(s.codePageProfile())
                            .setArabicCodePage(s.arabicCodePage())
                            .setCanReadStatus(worker.printer().canReadStatus())
                            .setRealtimeDrawerPulse(s.realtimeDrawerPulse())
                            .setHasDrawer(s.hasDrawer()))
                    .setStatus(StatusMessages.toProto(
                            status != null
                                    ? status
                                    : PrinterStatus.unknown(
                                            "not read yet", Clock.systemUTC().instant()))));
        }
        return hello.build();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
