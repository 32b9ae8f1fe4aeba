package io.printbridge.agent;

import io.printbridge.agent.config.AgentConfigLoader;
import io.printbridge.agent.config.ConfigException;
import io.printbridge.agent.enrol.Enrolment;
import io.printbridge.agent.enrol.EnrolmentClient;
import io.printbridge.agent.enrol.EnrolmentFailedException;
import io.printbridge.agent.enrol.IdentityFiles;
import io.printbridge.certs.AgentKeys;
import io.printbridge.certs.EnrolmentCode;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bridge-agent enroll --server HOST:PORT [--code CODE] [--config FILE] [--dir DIR] [--force]}:
 * the first start of a shop's PC. Makes a key pair here, checks the server against the CA the code
 * names (before sending the code), trades the code for a certificate, and writes the key, the
 * certificate, the CA bundle and the configuration, so that {@code bridge-agent run} starts next.
 * Without {@code --code} the code is asked for on the console.
 */
@Command(
        name = "enroll",
        aliases = "enrol",
        description = "Enrols this PC with a one-time code from IT: makes its key and gets its certificate.")
final class EnrollCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    AgentMain main;

    @Mixin
    HelpOption help;

    @Option(
            names = "--server",
            required = true,
            paramLabel = "HOST:PORT",
            description = "The bridge server's agent address, as IT gave it (e.g. bridge.example.com:8443).")
    String server;

    @Option(
            names = "--code",
            paramLabel = "CODE",
            description = "The one-time code from IT, XXXX-XXXX-XXXX-XXXX-XXXX-XXXX. Without it, it is asked for.")
    @Nullable
    String code;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The configuration file to write the server and the identity into (default:"
                    + " $BRIDGE_AGENT_CONFIG, else agent.properties here). Other settings in it are kept.")
    @Nullable
    Path config;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where to write the key, the certificate and the CA bundle (default: certs beside the"
                    + " configuration file).")
    @Nullable
    Path dir;

    @Option(
            names = "--force",
            description = "Replace an identity this PC already has (after a reinstall, a revocation).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Enrolment.Address address = address();
        Path configFile = configFile();
        Path directory = dir != null ? dir : parentOf(configFile).resolve("certs");
        IdentityFiles files = IdentityFiles.in(directory);
        List<Path> existing = new ArrayList<>(files.existing());
        existing.addAll(identityNamedIn(configFile));
        if (!existing.isEmpty() && !force) {
            throw new ParameterException(
                    spec.commandLine(),
                    "this PC already has an identity (" + existing.get(0)
                            + "): add --force to replace it (the old certificate stops working for this PC), or"
                            + " choose another --dir");
        }
        EnrolmentCode enrolmentCode = enrolmentCode();
        KeyPair keys = AgentKeys.generate();
        err.println("checking the server at " + address + " against the CA the code names...");
        EnrolmentClient.Enrolled enrolled;
        try {
            enrolled = new EnrolmentClient(address.host(), address.port(), Duration.ofSeconds(30))
                    .enrol(enrolmentCode, keys, hostname(), AgentVersion.current());
        } catch (EnrolmentFailedException e) {
            err.println("bridge-agent: not enrolled: " + e.getMessage());
            return 1;
        }
        boolean ownerOnly = files.write(keys.getPrivate(), enrolled.certificate(), enrolled.caCertificates());
        Enrolment.writeConfig(configFile, address, enrolled.storeId(), files);
        err.println("enrolled this PC for store " + enrolled.storeId() + ": certificate valid until "
                + enrolled.certificate().getNotAfter().toInstant() + " (the agent renews it by itself).");
        err.println("  private key (never leaves this PC): " + files.key().toAbsolutePath());
        err.println("  certificate: " + files.certificate().toAbsolutePath());
        err.println("  CA bundle:   " + files.caBundle().toAbsolutePath());
        err.println("  configuration: " + configFile.toAbsolutePath() + " (server.address, tls.*)");
        if (!ownerOnly) {
            err.println("warning: this file system cannot restrict the files to their owner: protect the folder "
                    + directory.toAbsolutePath()
                    + " yourself (on Windows, only the service account and administrators)");
        } else if (isWindows()) {
            err.println("on Windows the files' access was set to their owner alone (best effort): check it if the"
                    + " agent runs as a service under another account");
        }
        String incomplete = incomplete(configFile);
        if (incomplete != null) {
            err.println("next: the configuration is not complete yet: " + incomplete);
            err.println("      add this shop's printers to " + configFile.toAbsolutePath()
                    + " (see agent.example.properties; `bridge-agent printers` lists the USB printers),");
            err.println("      then: bridge-agent run --config " + configFile);
        } else {
            err.println("next: bridge-agent run --config " + configFile
                    + (isWindows() ? "   (or start the Windows service that runs it)" : ""));
        }
        return 0;
    }

    private Enrolment.Address address() {
        try {
            return Enrolment.Address.parse(server);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--server " + e.getMessage());
        }
    }

    private Path configFile() {
        if (config != null) {
            return config;
        }
        String fromEnvironment = main.environment().get("BRIDGE_AGENT_CONFIG");
        return fromEnvironment != null && !fromEnvironment.isBlank()
                ? Path.of(fromEnvironment)
                : Path.of("agent.properties");
    }

    private EnrolmentCode enrolmentCode() {
        String text = code;
        if (text == null) {
            Console console = System.console();
            if (console == null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "no --code, and no console to ask for it (expected: --code CODE when run from a script or"
                                + " a service)");
            }
            text = console.readLine("Enrolment code from IT (%s): ", EnrolmentCode.SHAPE);
            if (text == null) {
                throw new ParameterException(spec.commandLine(), "no code typed");
            }
        }
        try {
            return EnrolmentCode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + "; check it, or ask IT for a new one");
        }
    }

    /** What keeps {@code bridge-agent run} from starting with this configuration, or null. */
    private @Nullable String incomplete(Path configFile) {
        try {
            new AgentConfigLoader(warning -> {}).load(configFile, main.environment());
            return null;
        } catch (ConfigException e) {
            return e.getMessage();
        }
    }

    /** The key and certificate files the configuration already names, if they exist. */
    private static List<Path> identityNamedIn(Path configFile) {
        if (!Files.isReadable(configFile)) {
            return List.of();
        }
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            settings.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return List.of(); // the loader says what is wrong with it when the agent runs
        }
        List<Path> named = new ArrayList<>();
        for (String key : List.of("tls.key", "tls.certificate")) {
            String value = settings.getProperty(key);
            if (value != null && !value.isBlank()) {
                Path file = parentOf(configFile).resolve(value.strip());
                if (Files.exists(file)) {
                    named.add(file);
                }
            }
        }
        return named;
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of("") : parent;
    }

    private static String hostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isBlank()) {
                return name.length() > 255 ? name.substring(0, 255) : name;
            }
        } catch (IOException e) {
            // falls through to the environment
        }
        for (String variable : List.of("COMPUTERNAME", "HOSTNAME")) {
            String name = System.getenv(variable);
            if (name != null && !name.isBlank()) {
                return name.length() > 255 ? name.substring(0, 255) : name;
            }
        }
        return "unknown";
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
