package io.printbridge.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shop-PC distributions as the build packs them (after the assembly step): the Windows zip's
 * content and scripts (and their syntax, with the tree-sitter PowerShell grammar when node is
 * here), and the Linux tarball staged by its own install.sh into a folder, then asked for its
 * printer.
 */
class DistributionIT {

    private static final Path TARGET = Path.of(System.getProperty("agent.dist.dir", "target"));
    private static final String VERSION = System.getProperty("agent.version", "0.1.0-SNAPSHOT");
    private static final String BASE = "bridge-agent-" + VERSION + "/";
    private static final List<String> SCRIPTS =
            List.of("install.ps1", "update.ps1", "uninstall.ps1", "PrintBridgeService.ps1");

    @TempDir
    Path dir;

    @Test
    void theWindowsZipHoldsTheAgentProcrunAndTheServiceScripts() throws Exception {
        Map<String, byte[]> zip = windowsZip();

        List<String> expected = new ArrayList<>(List.of(
                "bridge-agent.jar",
                "prunsrv.exe",
                "bridge-agent.cmd",
                "agent.service.properties",
                "agent.example.properties",
                "README.txt",
                "procrun/LICENSE.txt",
                "procrun/NOTICE.txt"));
        expected.addAll(SCRIPTS);
        assertThat(zip.keySet()).containsAll(expected.stream().map(BASE::concat).toList());
        // The 64-bit procrun: a PE image whose machine field is AMD64 (0x8664).
        byte[] prunsrv = zip.get(BASE + "prunsrv.exe");
        assertThat(new String(prunsrv, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("MZ");
        int pe = littleEndianInt(prunsrv, 0x3C);
        assertThat(new String(prunsrv, pe, 4, StandardCharsets.ISO_8859_1)).isEqualTo("PE\0\0");
        assertThat((prunsrv[pe + 4] & 0xFF) | (prunsrv[pe + 5] & 0xFF) << 8).isEqualTo(0x8664);
        // A runtime image only when the build was given a Windows JDK's jmods.
        boolean windowsImage = Files.isDirectory(TARGET.resolve("runtime-windows"));
        assertThat(zip.keySet().stream().anyMatch(name -> name.startsWith(BASE + "runtime/bin/")))
                .isEqualTo(windowsImage);
        for (String script : SCRIPTS) {
            String text = new String(zip.get(BASE + script), StandardCharsets.UTF_8);
            assertThat(text.replace("\r\n", ""))
                    .as(script + " has Windows line endings")
                    .doesNotContain("\n");
        }
    }

    @Test
    void theServiceScriptsCallEntryPointsTheZippedJarHas() throws Exception {
        Map<String, byte[]> zip = windowsZip();
        String service = new String(zip.get(BASE + "PrintBridgeService.ps1"), StandardCharsets.UTF_8);

        assertThat(service)
                .contains("'--StartMode=jvm'", "'--StopMode=jvm'")
                .contains("'--StartClass=io.printbridge.agent.service.AgentService'", "'--StartMethod=start'")
                .contains("'--StopClass=io.printbridge.agent.service.AgentService'", "'--StopMethod=stop'")
                .contains("--StartParams=--config;$ConfigFile")
                .contains("'--Startup=auto'")
                .contains("sc.exe failure $ServiceName")
                .contains("NT SERVICE\\$ServiceName")
                .contains("/inheritance:r");
        Path jar = dir.resolve("bridge-agent.jar");
        Files.write(jar, zip.get(BASE + "bridge-agent.jar"));
        try (ZipFile agentJar = new ZipFile(jar.toFile())) {
            assertThat(agentJar.getEntry("io/printbridge/agent/service/AgentService.class"))
                    .isNotNull();
        }
        for (String name : List.of("start", "stop")) {
            Method method = AgentService.class.getMethod(name, String[].class);
            assertThat(Modifier.isStatic(method.getModifiers()))
                    .as(name + " is static")
                    .isTrue();
            assertThat(method.getReturnType()).isEqualTo(void.class);
        }
        String install = new String(zip.get(BASE + "install.ps1"), StandardCharsets.UTF_8);
        assertThat(install)
                .contains("'enroll', '--server', $Server, '--code', $Code, '--config', $ConfigFile")
                .contains("@('printers', '--config', $ConfigFile)");
    }

    /**
     * The JDK looks for the configured providers the runtime image leaves out (SunPKCS11, XMLDSig...)
     * among every {@code java.security.Provider} service on the class path, and instantiates each
     * one it walks past: a BouncyCastle listed there is loaded at every start (650 classes, about
     * 6 MB of an agent at rest) although the agent only uses its classes to enrol and renew.
     */
    @Test
    void theAgentJarDoesNotListBouncyCastleAsASecurityProvider() throws Exception {
        Path jar = dir.resolve("bridge-agent.jar");
        Files.write(jar, windowsZip().get(BASE + "bridge-agent.jar"));
        try (ZipFile agentJar = new ZipFile(jar.toFile())) {
            assertThat(agentJar.getEntry("org/bouncycastle/pkcs/PKCS10CertificationRequest.class"))
                    .as("BouncyCastle's classes are in the jar, for enrolment")
                    .isNotNull();
            ZipEntry providers = agentJar.getEntry("META-INF/services/java.security.Provider");
            if (providers != null) {
                try (InputStream in = agentJar.getInputStream(providers)) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .doesNotContain("org.bouncycastle");
                }
            }
        }
    }

    @Test
    void thePowerShellScriptsParse() throws Exception {
        Path modules = PowerShellGrammar.install(TARGET.resolve("powershell-parser"));
        Assumptions.assumeTrue(
                modules != null,
                "no PowerShell parser here: node and npm (for web-tree-sitter and tree-sitter-powershell) are"
                        + " needed; PowerShell itself is on none of the reachable registries");
        Map<String, byte[]> zip = windowsZip();
        List<String> command = new ArrayList<>(List.of(
                "node",
                Path.of("src/test/powershell/parse-ps1.mjs").toAbsolutePath().toString(),
                modules.toString()));
        for (String script : SCRIPTS) {
            Path file = dir.resolve(script);
            Files.write(file, zip.get(BASE + script));
            command.add(file.toString());
        }

        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("install.ps1: parsed", "uninstall.ps1: parsed");
    }

    @Test
    void theLinuxTarballInstallsIntoAStagingRootAndFindsItsPrinter() throws Exception {
        Path unpacked = untar(dir.resolve("tarball"));
        Path stage = dir.resolve("stage");
        assertThat(Files.isExecutable(unpacked.resolve("install.sh"))).isTrue();
        assertThat(Files.isExecutable(unpacked.resolve("bin/bridge-agent"))).isTrue();
        // As if enrolled: install.sh keeps an existing settings file, adding the printer to it.
        VirtualPrinter printer = new VirtualPrinter();
        try (TestBridgeServer server = TestBridgeServer.start(Files.createDirectories(dir.resolve("certs")));
                VirtualPrinterServer printerServer = VirtualPrinterServer.start(
                        printer, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Path state = Files.createDirectories(stage.resolve("var/lib/printbridge"));
            Files.writeString(
                    state.resolve("agent.properties"),
                    Files.readString(unpacked.resolve("agent.service.properties")) + server.agentProperties());

            Process install = new ProcessBuilder(
                            "sh",
                            unpacked.resolve("install.sh").toString(),
                            "--root",
                            stage.toString(),
                            "--skip-enrol",
                            "--printer-host",
                            "127.0.0.1:" + printerServer.port())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(install.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(install.exitValue()).as(output).isZero();
            // The USB listing before the choice, which needs no settings, then the chosen printer's status.
            assertThat(output).contains("USB printers on this PC:").doesNotContain("configuration:");
            assertThat(output).contains("Receipt printer set to network 127.0.0.1:" + printerServer.port());
            assertThat(output).containsPattern("receipt +default +network 127\\.0\\.0\\.1:\\d+ +READY");
        }
        assertThat(stage.resolve("opt/printbridge-agent/bridge-agent.jar")).exists();
        assertThat(stage.resolve("etc/systemd/system/printbridge-agent.service"))
                .exists();
        assertThat(stage.resolve("etc/udev/rules.d/70-printbridge-printer.rules"))
                .exists();
        Path config = stage.resolve("var/lib/printbridge/agent.properties");
        assertThat(Files.readString(config))
                .contains("printer.receipt.transport=network", "printer.receipt.network.host=127.0.0.1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void theSystemdUnitIsHardenedAndTheUdevRuleHandsThePrinterToTheServiceUser() throws Exception {
        Path unpacked = untar(dir.resolve("tarball"));
        String unit = Files.readString(unpacked.resolve("systemd/printbridge-agent.service"));
        String rule = Files.readString(unpacked.resolve("udev/70-printbridge-printer.rules"));

        assertThat(unit.lines().map(String::strip).toList())
                .contains(
                        "User=printbridge",
                        "ProtectSystem=strict",
                        "PrivateTmp=yes",
                        "NoNewPrivileges=yes",
                        "Restart=on-failure",
                        "SuccessExitStatus=143",
                        "ExecStart=/opt/printbridge-agent/bin/bridge-agent run");
        assertThat(rule)
                .contains("SUBSYSTEM==\"usb\", ATTR{idVendor}==\"0471\", ATTR{idProduct}==\"0055\", MODE=\"0660\","
                        + " GROUP=\"printbridge\"");
    }

    @Test
    void systemdParsesTheUnitAndRatesItsExposureBelowFive() throws Exception {
        Assumptions.assumeTrue(
                runs("systemd-analyze", "--version"), "systemd-analyze is not here: the unit's own check is skipped");
        Path unpacked = untar(dir.resolve("tarball"));
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.copy(
                unpacked.resolve("systemd/printbridge-agent.service"),
                root.resolve("etc/systemd/system/printbridge-agent.service"));

        // --threshold is in tenths of systemd's 0-10 exposure scale: 50 fails above 5.0 ("MEDIUM").
        Process analyze = new ProcessBuilder(
                        "systemd-analyze",
                        "security",
                        "--offline=yes",
                        "--threshold=50",
                        "--root=" + root,
                        "printbridge-agent.service")
                .redirectErrorStream(true)
                .start();
        String output = new String(analyze.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(analyze.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(analyze.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("Unknown key").contains("Overall exposure level");
    }

    private static boolean runs(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Map<String, byte[]> windowsZip() throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(
                TARGET.resolve("bridge-agent-" + VERSION + "-windows.zip").toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (!entry.isDirectory()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        entries.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return entries;
    }

    /** Unpacks the Linux tarball with tar (which keeps the file modes); returns its top folder. */
    static Path untar(Path into) throws Exception {
        Files.createDirectories(into);
        Path tarball =
                TARGET.resolve("bridge-agent-" + VERSION + "-linux.tar.gz").toAbsolutePath();
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", into.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(output).isZero();
        return into.resolve("bridge-agent-" + VERSION);
    }

    private static int littleEndianInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF)
                | (bytes[offset + 1] & 0xFF) << 8
                | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
    }
}
