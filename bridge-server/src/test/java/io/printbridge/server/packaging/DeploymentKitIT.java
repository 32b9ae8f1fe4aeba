package io.printbridge.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.DevCertificates;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.testing.Bridge;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VPS kit, {@code bridge-server-<version>-dist.tar.gz}, as {@code package} built it: what it
 * holds, the unit checked by {@code systemd-analyze verify} (and the proxy examples by nginx or
 * Caddy where installed), and the whole path of the page: unpacked, the shipped environment file
 * with this machine's paths and ports, a PostgreSQL database made by the shipped script, a token
 * made with the launcher, the server started by the launcher, a test receipt printed, the server
 * stopped by SIGTERM within the unit's TimeoutStopSec.
 */
class DeploymentKitIT {

    /** Every file of the tarball, under {@code bridge-server-<version>/}. */
    private static final List<String> CONTENTS = List.of(
            "bin/bridge-server",
            "lib/bridge-server.jar",
            "systemd/printbridge-server.service",
            "config/bridge-server.env",
            "config/bridge-server.yml",
            "postgres/create-database.sql",
            "proxy/Caddyfile",
            "proxy/nginx-printbridge.conf",
            "docs/vps.en.md",
            "docs/vps.fr.md",
            "docs/identity-runbook.md");

    @TempDir
    Path dir;

    private final List<ServerProcess> servers = new ArrayList<>();

    @AfterEach
    void stopAll() {
        servers.forEach(ServerProcess::close);
    }

    @Test
    void tarballHoldsTheJarTheLauncherTheUnitTheSettingsTheScriptsAndThePages() throws Exception {
        Path tarball = DeploymentKit.tarball();
        String top = tarball.getFileName().toString().replace("-dist.tar.gz", "");
        String listing = run(List.of("tar", "-tzvf", tarball.toString()), Map.of()).out;

        List<String> files = new ArrayList<>();
        for (String line : listing.split("\n")) {
            if (line.startsWith("-")) {
                files.add(line.substring(line.indexOf(top + "/") + top.length() + 1));
            }
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(CONTENTS);
        assertThat(listing).containsPattern("-rwxr-xr-x .* " + top + "/bin/bridge-server\n");

        Path home = unpack();
        assertThat(Files.mismatch(home.resolve("lib/bridge-server.jar"), ServerJar.find()))
                .as("the tarball's jar is the shaded jar")
                .isEqualTo(-1L);
        for (String shipped : List.of(
                "bin/bridge-server",
                "systemd/printbridge-server.service",
                "config/bridge-server.env",
                "config/bridge-server.yml",
                "postgres/create-database.sql",
                "proxy/Caddyfile",
                "proxy/nginx-printbridge.conf")) {
            assertThat(Files.mismatch(home.resolve(shipped), DeploymentKit.DIST.resolve(shipped)))
                    .as(shipped)
                    .isEqualTo(-1L);
        }
        for (String page : List.of("docs/vps.en.md", "docs/vps.fr.md")) {
            assertThat(Files.mismatch(home.resolve(page), Path.of("..", "docs", "deploy", page.substring(5))))
                    .as(page)
                    .isEqualTo(-1L);
        }
    }

    @Test
    void unitRunsAsItsOwnUserHardenedAndWaitsLongerThanTheServersDrain() throws Exception {
        assertThat(DeploymentKit.unitValue("User")).isEqualTo("printbridge");
        assertThat(DeploymentKit.unitValue("ProtectSystem")).isEqualTo("strict");
        assertThat(DeploymentKit.unitValue("PrivateTmp")).isEqualTo("true");
        assertThat(DeploymentKit.unitValue("NoNewPrivileges")).isEqualTo("true");
        assertThat(DeploymentKit.unitValue("Restart")).isEqualTo("on-failure");
        assertThat(DeploymentKit.unitValue("EnvironmentFile")).isEqualTo("/etc/printbridge/bridge-server.env");
        assertThat(DeploymentKit.unitValue("ExecStart")).isEqualTo("/opt/printbridge/current/bin/bridge-server");
        // The data directory of the environment file is the one path the service may write.
        Map<String, String> env = DeploymentKit.environmentFile(DeploymentKit.ENV_FILE);
        assertThat(DeploymentKit.unitValue("ReadWritePaths")).isEqualTo(env.get("BRIDGE_DATA_DIR"));
        // The drain: bridge.grpc.shutdown-grace (10 s) and then at most 5 s more (AgentLinkServer.stop).
        assertThat(DeploymentKit.timeoutStopSec()).isGreaterThan(Duration.ofSeconds(10 + 5));
        // The JVM ends with 128 + 15 after SIGTERM: a clean stop, not a failure to restart from.
        assertThat(DeploymentKit.unitValue("SuccessExitStatus")).contains("143");
    }

    @Test
    void systemdAnalyzeVerifiesTheUnit() throws Exception {
        Assumptions.assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here");
        Path home = unpack();
        // The unit as shipped, with the unpacked release where /opt/printbridge/current would be.
        Path unit = dir.resolve("printbridge-server.service");
        Files.writeString(
                unit, Files.readString(DeploymentKit.UNIT).replace("/opt/printbridge/current", home.toString()));

        Result verified = run(List.of("systemd-analyze", "verify", unit.toString()), Map.of());

        assertThat(verified.exit).as(verified.out).isZero();
        assertThat(verified.out)
                .as("systemd-analyze says nothing about the unit")
                .isBlank();
    }

    @Test
    void nginxAcceptsTheExample() throws Exception {
        Assumptions.assumeTrue(onPath("nginx"), "nginx is not installed here");
        DevCertificates certs = DevCertificates.create(dir.resolve("certs"), List.of());
        Path site = dir.resolve("printbridge.conf");
        Files.writeString(
                site,
                Files.readString(DeploymentKit.DIST.resolve("proxy/nginx-printbridge.conf"))
                        .replace(
                                "/etc/letsencrypt/live/bridge.example.com/fullchain.pem",
                                certs.serverCertificate().toString())
                        .replace(
                                "/etc/letsencrypt/live/bridge.example.com/privkey.pem",
                                certs.serverKey().toString()));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(
                conf,
                "pid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log")
                        + ";\nevents {}\nhttp {\n  include " + site + ";\n}\n");

        Result tested = run(List.of("nginx", "-t", "-c", conf.toString()), Map.of());

        assertThat(tested.exit).as(tested.out).isZero();
    }

    @Test
    void caddyAcceptsTheExample() throws Exception {
        Assumptions.assumeTrue(onPath("caddy"), "caddy is not installed here");
        Result validated = run(
                List.of(
                        "caddy",
                        "validate",
                        "--adapter",
                        "caddyfile",
                        "--config",
                        DeploymentKit.DIST.resolve("proxy/Caddyfile").toString()),
                Map.of());

        assertThat(validated.exit).as(validated.out).isZero();
    }

    @Test
    void databaseScriptWithoutAPasswordStopsAndSaysWhatToAdd() throws Exception {
        Assumptions.assumeTrue(onPath("psql"), "psql is not installed here");
        try (FreshPostgres ignored = FreshPostgres.create()) {
            Result refused = run(
                    List.of(
                            "psql",
                            "-h",
                            "127.0.0.1",
                            "-U",
                            "postgres",
                            "-d",
                            "postgres",
                            "-f",
                            FreshPostgres.SETUP_SCRIPT.toString()),
                    Map.of());

            assertThat(refused.exit).isNotZero();
            assertThat(refused.out).contains("no password (expected: psql -v password=... -f create-database.sql)");
        }
    }

    @Test
    void launcherRefusesToRunAsRoot() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "not running as root");
        Path home = unpack();

        Result refused = run(
                List.of(home.resolve("bin/bridge-server").toString(), "tokens", "list"),
                Map.of("PRINTBRIDGE_ENV", "none"));

        assertThat(refused.exit).isEqualTo(2);
        assertThat(refused.out).contains("refusing to run as root").contains("sudo -u printbridge");
    }

    @Test
    void fromTheTarballToAPrintedTestReceiptWithTheShippedSettings() throws Exception {
        Path home = unpack();
        DevCertificates certs = DevCertificates.create(dir.resolve("certs"), List.of("alger-01"));
        int httpPort = Bridge.freePort();
        int grpcPort = Bridge.freePort();
        String configToken = "config-token-" + System.nanoTime();
        Path yaml = dir.resolve("bridge-server.yml");
        Files.writeString(
                yaml,
                Files.readString(DeploymentKit.DIST.resolve("config/bridge-server.yml"))
                        .replace("0".repeat(64), ApiTokens.sha256(configToken)));

        try (FreshPostgres database = FreshPostgres.create()) {
            // The shipped environment file, each setting given this machine's value, nothing else changed.
            Map<String, String> values = new HashMap<>(database.environment());
            values.put("MICRONAUT_SERVER_PORT", String.valueOf(httpPort));
            values.put("BRIDGE_GRPC_PORT", String.valueOf(grpcPort));
            values.put("BRIDGE_IDENTITY_AGENT_ADDRESS", "localhost:" + grpcPort);
            values.put("BRIDGE_GRPC_CERTIFICATE", certs.serverCertificate().toString());
            values.put("BRIDGE_GRPC_KEY", certs.serverKey().toString());
            values.put("BRIDGE_GRPC_CLIENT_CA", certs.caCertificate().toString());
            values.put("BRIDGE_IDENTITY_CA_KEY", certs.caKey().toString());
            values.put("BRIDGE_DATA_DIR", dir.resolve("var-lib-printbridge").toString());
            values.put("MICRONAUT_CONFIG_FILES", yaml.toString());
            Path envFile = withValues(DeploymentKit.ENV_FILE, values);
            Map<String, String> launcherEnv = new HashMap<>();
            launcherEnv.put("PRINTBRIDGE_ENV", envFile.toString());
            launcherEnv.put("PRINTBRIDGE_ALLOW_ROOT", "1");
            launcherEnv.put("JAVA_HOME", System.getProperty("java.home"));
            String launcher = home.resolve("bin/bridge-server").toString();

            Result created =
                    run(List.of(launcher, "tokens", "create", "--name", "erp-prod", "--stores", "*"), launcherEnv);
            assertThat(created.exit).as(created.out).isZero();
            String token = created.out
                    .lines()
                    .filter(line -> line.matches("pb_[0-9a-f]{64}"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no token printed: " + created.out));

            ServerProcess server =
                    ServerProcess.start(List.of(launcher), launcherEnv, dir.resolve("server.log"), httpPort);
            servers.add(server);
            assertThat(status(httpPort, "/api/v1/stores", token)).isEqualTo(200);
            assertThat(status(httpPort, "/api/v1/stores", configToken))
                    .as("the token of the shipped YAML file")
                    .isEqualTo(200);
            assertThat(status(httpPort, "/api/v1/stores", "pb_" + "0".repeat(64)))
                    .isEqualTo(401);
            assertThat(server.log()).contains("listening for agents on port " + grpcPort);
            assertThat(arguments(server))
                    .as("the launcher names the collector measured for the server (BENCHMARKS.md)")
                    .contains("-XX:+UseParallelGC", "-XX:InitialTenuringThreshold=1")
                    .as("the launcher starts the heap at the environment file's -Xmx")
                    .contains("-Xms512m", "-Xmx512m")
                    .as("the first start of a release writes its class-data archive at its clean stop")
                    .anySatisfy(argument -> assertThat(argument).startsWith("-XX:ArchiveClassesAtExit="));

            Shop shop = new Shop("alger-01", certs, httpPort, grpcPort, token);
            VirtualPrinter printer = new VirtualPrinter();
            try (Agent ignored = shop.connect(printer)) {
                String receipt = shop.print("printbridge test receipt\n");
                shop.awaitDone(List.of(receipt), Duration.ofSeconds(30));
            }
            assertThat(Shop.timesPrinted(printer, "printbridge test receipt\n")).isEqualTo(1);

            Duration timeoutStop = DeploymentKit.timeoutStopSec();
            assertThat(server.terminate(timeoutStop))
                    .as("the launcher execs java: SIGTERM reaches the server")
                    .isIn(0, 143);
            assertThat(server.log())
                    .contains("agent server stopped")
                    .doesNotContain("not recorded at shutdown", "Database is already closed");

            // The next start maps the archive the stop wrote; one cut short is found and made again.
            Path cds = dir.resolve("var-lib-printbridge").resolve("cds");
            ServerProcess again =
                    ServerProcess.start(List.of(launcher), launcherEnv, dir.resolve("server-again.log"), httpPort);
            servers.add(again);
            assertThat(arguments(again))
                    .as("the second start maps the archive in %s", cds)
                    .anySatisfy(argument -> assertThat(argument).startsWith("-XX:SharedArchiveFile=" + cds));
            assertThat(again.terminate(timeoutStop)).isIn(0, 143);
            try (java.util.stream.Stream<Path> archives = Files.list(cds)) {
                Path archive = archives.findFirst().orElseThrow();
                byte[] head = Arrays.copyOf(Files.readAllBytes(archive), 1_000_000);
                Files.delete(archive);
                Files.write(archive, head);
            }
            ServerProcess afterCut =
                    ServerProcess.start(List.of(launcher), launcherEnv, dir.resolve("server-cut.log"), httpPort);
            servers.add(afterCut);
            assertThat(arguments(afterCut))
                    .as("an archive cut short is not mapped (it would crash the JVM) but made again")
                    .anySatisfy(argument -> assertThat(argument).startsWith("-XX:ArchiveClassesAtExit=" + cds))
                    .noneSatisfy(argument -> assertThat(argument).startsWith("-XX:SharedArchiveFile="));
            assertThat(afterCut.terminate(timeoutStop)).isIn(0, 143);
        }
    }

    private static List<String> arguments(ServerProcess server) {
        return ProcessHandle.of(server.pid())
                .flatMap(p -> p.info().arguments())
                .map(List::of)
                .orElseThrow();
    }

    /** A copy of {@code file} with the values of {@code values}; each must be a setting the file has. */
    private Path withValues(Path file, Map<String, String> values) throws IOException {
        Map<String, String> shipped = DeploymentKit.environmentFile(file);
        assertThat(shipped.keySet()).as("settings of %s", file).containsAll(values.keySet());
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            String key = line.startsWith("#") || equals < 0 ? null : line.substring(0, equals);
            lines.add(key != null && values.containsKey(key) ? key + "=" + values.get(key) : line);
        }
        Path copy = dir.resolve("bridge-server.env");
        Files.write(copy, lines);
        return copy;
    }

    private Path unpack() throws Exception {
        Path opt = dir.resolve("opt");
        if (Files.notExists(opt)) {
            Files.createDirectories(opt);
            Result unpacked = run(
                    List.of(
                            "tar",
                            "-xzf",
                            DeploymentKit.tarball().toAbsolutePath().toString(),
                            "-C",
                            opt.toString()),
                    Map.of());
            assertThat(unpacked.exit).as(unpacked.out).isZero();
        }
        try (var entries = Files.list(opt)) {
            return entries.findFirst().orElseThrow();
        }
    }

    private static int status(int port, String path, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static boolean onPath(String tool) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(folder, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exit, String out) {}

    /** Runs {@code command} with {@code environment} added; standard output and error together. */
    private Result run(List<String> command, Map<String, String> environment) throws Exception {
        Path output = Files.createTempFile(dir, "out", ".txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("%s ended", command)
                .isTrue();
        return new Result(process.exitValue(), Files.readString(output));
    }
}
