package io.printbridge.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.printbridge.agent.Agent;
import io.printbridge.agent.clock.sync.ClockSetup;
import io.printbridge.agent.exec.ExecutionJournal;
import io.printbridge.agent.exec.InMemoryExecutionJournal;
import io.printbridge.agent.identity.RenewalSettings;
import io.printbridge.agent.link.LinkSettings;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import io.printbridge.certs.DevCertificates;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.api.TokenStores;
import io.printbridge.server.grpc.AgentLinkServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A real bridge for tests: the Micronaut server with its gRPC mTLS endpoint on ephemeral ports,
 * throwaway certificates, and real agents with virtual printers. The server can be restarted on
 * the same ports, as a deploy would.
 */
public final class Bridge implements AutoCloseable {

    public static final String TOKEN = "test-token-" + UUID.randomUUID();

    private final DevCertificates certs;
    private final TestDatabase database;
    private final Path dataDir;
    private int grpcPort;
    private int httpPort;
    /** Whether the server ran once: from then on its ports stay (agents dial them again after a restart). */
    private boolean started;

    private final List<Agent> agents = new ArrayList<>();
    private final Map<String, Object> extraProperties;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private @Nullable ApplicationContext server;

    public Bridge(Path dir, List<String> stores) throws IOException {
        this(dir, stores, Map.of());
    }

    public Bridge(Path dir, List<String> stores, Map<String, Object> extraProperties) throws IOException {
        this(dir, stores, extraProperties, TestDatabase.H2);
    }

    public Bridge(Path dir, List<String> stores, Map<String, Object> extraProperties, TestDatabase database)
            throws IOException {
        this.database = database;
        this.dataDir = dir.resolve("data");
        this.certs = DevCertificates.create(dir.resolve("certs"), stores);
        this.grpcPort = freePort();
        this.httpPort = freePort();
        this.extraProperties = extraProperties;
        startServer();
    }

    public DevCertificates certs() {
        return certs;
    }

    public int httpPort() {
        return httpPort;
    }

    public int grpcPort() {
        return server().getBean(AgentLinkServer.class).port();
    }

    public ApplicationContext server() {
        if (server == null) {
            throw new IllegalStateException("server is stopped");
        }
        return server;
    }

    public void startServer() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", httpPort);
        properties.put("bridge.grpc.port", grpcPort);
        properties.put("bridge.grpc.certificate", certs.serverCertificate().toString());
        properties.put("bridge.grpc.key", certs.serverKey().toString());
        properties.put("bridge.grpc.client-ca", certs.caCertificate().toString());
        properties.put("bridge.identity.ca-key", certs.caKey().toString());
        properties.put("bridge.grpc.shutdown-grace", "2s");
        properties.put("bridge.api.tokens.erp.sha256", ApiTokens.sha256(TOKEN));
        properties.put("bridge.api.tokens.erp.stores", TokenStores.ALL);
        properties.putAll(database.properties(dataDir));
        properties.putAll(extraProperties);
        // A restart reuses the ports; the old sockets may take a moment to be released. Before the
        // first start, a port found free may have been taken since by another process on this
        // machine: then take other ones.
        for (int attempt = 1; ; attempt++) {
            try {
                server =
                        ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext();
                started = true;
                return;
            } catch (RuntimeException e) {
                if (attempt == 10 || !causedByBind(e)) {
                    throw e;
                }
                if (!started
                        && !extraProperties.containsKey("micronaut.server.port")
                        && !extraProperties.containsKey("bridge.grpc.port")) {
                    try {
                        grpcPort = freePort();
                        httpPort = freePort();
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                    properties.put("micronaut.server.port", httpPort);
                    properties.put("bridge.grpc.port", grpcPort);
                }
                sleep(Duration.ofMillis(200));
            }
        }
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts an agent for {@code storeId} with one virtual printer, dialling {@code port}. */
    public Agent startAgent(String storeId, VirtualPrinter printer, int port) throws IOException {
        return startAgent(
                new TlsFiles(certs.agentCertificate(storeId), certs.agentKey(storeId), certs.caCertificate()),
                printer,
                port);
    }

    public Agent startAgent(String storeId, VirtualPrinter printer) throws IOException {
        return startAgent(storeId, printer, grpcPort);
    }

    public Agent startAgent(TlsFiles tls, VirtualPrinter printer, int port) throws IOException {
        return startAgent(tls, printer, port, PrinterSettings.receipt("receipt", true));
    }

    /** Starts an agent for {@code storeId} whose one printer is described by {@code settings}. */
    public Agent startAgent(String storeId, VirtualPrinter printer, PrinterSettings settings) throws IOException {
        return startAgent(
                new TlsFiles(certs.agentCertificate(storeId), certs.agentKey(storeId), certs.caCertificate()),
                printer,
                grpcPort,
                settings);
    }

    public Agent startAgent(TlsFiles tls, VirtualPrinter printer, int port, PrinterSettings settings)
            throws IOException {
        return startAgent(tls, printer, port, settings, new InMemoryExecutionJournal(1000), RenewalSettings.defaults());
    }

    /** Starts an agent with {@code tls} that renews its certificate as {@code renewal} says. */
    public Agent startAgent(TlsFiles tls, VirtualPrinter printer, RenewalSettings renewal) throws IOException {
        return startAgent(
                tls,
                printer,
                grpcPort,
                PrinterSettings.receipt("receipt", true),
                new InMemoryExecutionJournal(1000),
                renewal);
    }

    /** Starts an agent for {@code storeId} that never renews its certificate (an older agent's behaviour). */
    public Agent startAgentWithoutRenewal(String storeId, VirtualPrinter printer) throws IOException {
        return startAgentWithoutRenewal(
                new TlsFiles(certs.agentCertificate(storeId), certs.agentKey(storeId), certs.caCertificate()), printer);
    }

    /** Starts an agent with {@code tls} that never renews its certificate. */
    public Agent startAgentWithoutRenewal(TlsFiles tls, VirtualPrinter printer) throws IOException {
        return startAgent(
                tls,
                printer,
                grpcPort,
                PrinterSettings.receipt("receipt", true),
                new InMemoryExecutionJournal(1000),
                null);
    }

    /** Starts an agent for {@code storeId} with one virtual printer and {@code journal} (a file journal, say). */
    public Agent startAgent(String storeId, VirtualPrinter printer, ExecutionJournal journal) throws IOException {
        return startAgent(
                new TlsFiles(certs.agentCertificate(storeId), certs.agentKey(storeId), certs.caCertificate()),
                printer,
                grpcPort,
                PrinterSettings.receipt("receipt", true),
                journal,
                RenewalSettings.defaults());
    }

    /** Starts an agent for {@code storeId} with one virtual printer and the attendance clocks of {@code clocks}. */
    public Agent startAgent(String storeId, VirtualPrinter printer, ClockSetup clocks) throws IOException {
        return startAgent(storeId, printer, grpcPort, clocks);
    }

    /** {@link #startAgent(String, VirtualPrinter, ClockSetup)} dialling {@code port} (a proxy's, say). */
    public Agent startAgent(String storeId, VirtualPrinter printer, int port, ClockSetup clocks) throws IOException {
        return startAgent(
                new TlsFiles(certs.agentCertificate(storeId), certs.agentKey(storeId), certs.caCertificate()),
                printer,
                port,
                PrinterSettings.receipt("receipt", true),
                new InMemoryExecutionJournal(1000),
                RenewalSettings.defaults(),
                clocks);
    }

    private Agent startAgent(
            TlsFiles tls,
            VirtualPrinter printer,
            int port,
            PrinterSettings settings,
            ExecutionJournal journal,
            @Nullable RenewalSettings renewal)
            throws IOException {
        return startAgent(tls, printer, port, settings, journal, renewal, ClockSetup.NONE);
    }

    private Agent startAgent(
            TlsFiles tls,
            VirtualPrinter printer,
            int port,
            PrinterSettings settings,
            ExecutionJournal journal,
            @Nullable RenewalSettings renewal,
            ClockSetup clocks)
            throws IOException {
        return startAgent(
                tls,
                printer,
                testLink(port, Duration.ofMillis(100), Duration.ofMillis(500)),
                settings,
                journal,
                renewal,
                clocks);
    }

    /**
     * Starts an agent for {@code storeId} whose reconnect waits are the real agent's (from 0.5 s up to
     * 30 s, or the server's return window), not the tests' short ones.
     */
    public Agent startAgentWithRealBackoff(String storeId, VirtualPrinter printer) throws IOException {
        LinkSettings real = LinkSettings.defaults("localhost", grpcPort);
        return startAgent(
                new TlsFiles(certs.agentCertificate(storeId), certs.agentKey(storeId), certs.caCertificate()),
                printer,
                testLink(grpcPort, real.backoffBase(), real.backoffCap()),
                PrinterSettings.receipt("receipt", true),
                new InMemoryExecutionJournal(1000),
                RenewalSettings.defaults(),
                ClockSetup.NONE);
    }

    /** The tests' link: quick heartbeats and reconnections unless told otherwise. */
    private static LinkSettings testLink(int port, Duration backoffBase, Duration backoffCap) {
        return new LinkSettings(
                "localhost",
                port,
                Duration.ofSeconds(2),
                3,
                backoffBase,
                backoffCap,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10));
    }

    private Agent startAgent(
            TlsFiles tls,
            VirtualPrinter printer,
            LinkSettings link,
            PrinterSettings settings,
            ExecutionJournal journal,
            @Nullable RenewalSettings renewal,
            ClockSetup clocks)
            throws IOException {
        Agent agent = Agent.start(
                link,
                tls,
                renewal,
                List.of(new Agent.PrinterDefinition(settings, new VirtualPrinterTransport(printer), "virtual")),
                journal,
                Duration.ofMillis(200),
                clocks);
        agents.add(agent);
        return agent;
    }

    public static Agent connected(Agent agent) throws InterruptedException {
        if (!agent.link().awaitConnected(Duration.ofSeconds(15))) {
            throw new AssertionError(
                    "agent did not connect within 15 s (state " + agent.link().state() + ")");
        }
        return agent;
    }

    // ------------------------------------------------------------------ HTTP

    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .GET()
                        .timeout(Duration.ofSeconds(70))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POST with another API token than the bridge's own (one with other scopes or stores). */
    public HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET with another API token than the bridge's own. */
    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + TOKEN)
                .GET());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(70)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public JsonNode json(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    /** Polls GET {@code path} until {@code condition} holds for its JSON, or fails after {@code timeout}. */
    public JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        return await(path, condition, timeout, TOKEN);
    }

    /** {@link #await(String, Predicate, Duration)} with another API token. */
    public JsonNode await(String path, Predicate<JsonNode> condition, Duration timeout, String token) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json(get(path, token));
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("condition not met within " + timeout + " on " + path + "; last: " + last);
    }

    @Override
    public void close() {
        agents.forEach(Agent::close);
        stopServer();
    }

    /** A port nothing listens on right now, for a server started next. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
