package io.printbridge.agent.config;

import io.printbridge.agent.identity.RenewalSettings;
import io.printbridge.agent.link.LinkSettings;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.DrawerPin;
import io.printbridge.agent.printer.DrawerPulse;
import io.printbridge.agent.printer.PrinterSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the agent's configuration from a properties file and environment variables (see
 * {@code agent.example.properties}), and checks every value before anything starts: a wrong
 * value stops the agent with a message naming the setting.
 *
 * <p>The old HTTP agent's environment names are understood where they still mean something:
 * {@code PRINTER_ENABLED}, {@code PRINTER_VENDOR_ID} and {@code PRINTER_PRODUCT_ID} describe a USB
 * receipt printer when no printers are configured otherwise. {@code PRINTER_AGENT_HOST},
 * {@code _PORT} and {@code _TOKEN} configured the server side of a connection that no longer
 * exists; they produce a warning saying what replaces them.
 */
public final class AgentConfigLoader {

    private static final Set<String> OLD_HTTP_AGENT_NAMES =
            Set.of("PRINTER_AGENT_HOST", "PRINTER_AGENT_PORT", "PRINTER_AGENT_TOKEN");
    private static final String PRINTER_NAME = "[A-Za-z0-9_-]{1,64}";

    private final Consumer<String> warnings;

    /** @param warnings receives one sentence per setting that is accepted but deserves attention */
    public AgentConfigLoader(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    /** Loads {@code file} (may be null: environment only) with {@code environment} overriding it. */
    public AgentConfig load(@Nullable Path file, Map<String, String> environment) {
        Properties properties = new Properties();
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new ConfigException("configuration file " + file.toAbsolutePath()
                        + " cannot be read (expected: a readable" + " properties file; see agent.example.properties)");
            }
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException(
                        "configuration file " + file + " is not a valid properties file: " + e.getMessage());
            }
        }
        Settings settings = new Settings(properties, environment);
        warnAboutOldHttpAgent(settings);
        Path base = file != null && file.toAbsolutePath().getParent() != null
                ? file.toAbsolutePath().getParent()
                : Path.of("");
        Path data = base.resolve(settings.get("data.dir").orElse("data"));
        return new AgentConfig(
                link(settings),
                tls(settings, base),
                printers(settings),
                settings.duration("status.poll-interval", Duration.ofSeconds(5)),
                data,
                settings.get("log.dir").map(base::resolve).orElse(data.resolve("logs")),
                renewal(settings),
                new ClockConfigReader(settings, warnings).clocks());
    }

    private static RenewalSettings renewal(Settings settings) {
        RenewalSettings defaults = RenewalSettings.defaults();
        Duration base = settings.duration("renewal.retry-base", defaults.retryBase());
        Duration cap = settings.duration("renewal.retry-cap", defaults.retryCap());
        if (cap.compareTo(base) < 0) {
            throw ConfigException.of("renewal.retry-cap", cap.toString(), "at least renewal.retry-base (" + base + ")");
        }
        return new RenewalSettings(
                settings.duration("renewal.switch-window", defaults.switchWindow()),
                base,
                cap,
                settings.duration("renewal.answer-timeout", defaults.answerTimeout()));
    }

    private void warnAboutOldHttpAgent(Settings settings) {
        for (String name : OLD_HTTP_AGENT_NAMES) {
            if (!settings.env(name).isEmpty()) {
                warnings.accept(name + " is set, but it belonged to the old HTTP agent that the ERP called in the shop."
                        + " This agent dials out to the server instead: no public address, open port or shared token."
                        + " Set server.address (" + Settings.environmentName("server.address")
                        + ") and the certificate files"
                        + " tls.certificate, tls.key and tls.ca. " + name + " is ignored.");
            }
        }
    }

    private static LinkSettings link(Settings settings) {
        String address =
                settings.require("server.address", "the bridge server as host:port, e.g. bridge.example.com:8443");
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw ConfigException.of("server.address", address, "host:port, e.g. bridge.example.com:8443");
        }
        String host = address.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw ConfigException.of(
                    "server.address", address, "host:port with a numeric port, e.g. bridge.example.com:8443");
        }
        if (port < 1 || port > 65535) {
            throw ConfigException.of("server.address", address, "a port from 1 to 65535");
        }
        LinkSettings defaults = LinkSettings.defaults(host, port);
        return new LinkSettings(
                host,
                port,
                settings.duration("link.heartbeat-interval", defaults.heartbeatInterval()),
                defaults.missedHeartbeatsBeforeDead(),
                settings.duration("link.backoff-base", defaults.backoffBase()),
                settings.duration("link.backoff-cap", defaults.backoffCap()),
                settings.duration("link.keepalive-time", defaults.keepAliveTime()),
                settings.duration("link.keepalive-timeout", defaults.keepAliveTimeout()));
    }

    private static TlsFiles tls(Settings settings, Path base) {
        TlsFiles tls = new TlsFiles(
                file(settings, base, "tls.certificate", "this agent's certificate (PEM) issued by the store CA"),
                file(settings, base, "tls.key", "this agent's private key (PEM, PKCS#8)"),
                file(settings, base, "tls.ca", "the CA certificate (PEM) that signed the server's certificate"));
        try {
            tls.requireReadable();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        return tls;
    }

    private static Path file(Settings settings, Path base, String key, String expected) {
        return base.resolve(settings.require(key, expected));
    }

    private List<PrinterConfig> printers(Settings settings) {
        List<String> names = printerNames(settings);
        if (names.isEmpty()) {
            return seedPrinter(settings);
        }
        String defaultName = settings.get("printer.default").orElse(names.get(0));
        if (!names.contains(defaultName)) {
            throw ConfigException.of("printer.default", defaultName, "one of " + names);
        }
        List<PrinterConfig> printers = new ArrayList<>();
        for (String name : names) {
            printers.add(printer(settings, name, name.equals(defaultName)));
        }
        return printers;
    }

    private static List<String> printerNames(Settings settings) {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : settings.get("printers").orElse("").split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches(PRINTER_NAME)) {
                throw ConfigException.of("printers", name, "printer names of letters, digits, '-' or '_'");
            }
            if (!names.add(name)) {
                throw ConfigException.of("printers", name, "each printer name once");
            }
        }
        return List.copyOf(names);
    }

    /** The old agent's single USB printer, from PRINTER_ENABLED / PRINTER_VENDOR_ID / PRINTER_PRODUCT_ID. */
    private List<PrinterConfig> seedPrinter(Settings settings) {
        String enabled = settings.env("PRINTER_ENABLED");
        if (!enabled.isEmpty() && !enabled.equalsIgnoreCase("false")) {
            String vendor = settings.env("PRINTER_VENDOR_ID");
            String product = settings.env("PRINTER_PRODUCT_ID");
            if (vendor.isEmpty() || product.isEmpty()) {
                throw new ConfigException(
                        "PRINTER_ENABLED is set but PRINTER_VENDOR_ID or PRINTER_PRODUCT_ID is missing"
                                + " (expected: both, in hex, e.g. 0471 and 0055)");
            }
            warnings.accept(
                    "using the old settings PRINTER_VENDOR_ID/PRINTER_PRODUCT_ID for a USB printer named \"receipt\";"
                            + " the printers/printer.<name>.* settings allow several printers");
            return List.of(new PrinterConfig(
                    PrinterSettings.receipt("receipt", true),
                    new TransportConfig.Usb(
                            Settings.hexId("PRINTER_VENDOR_ID", vendor),
                            Settings.hexId("PRINTER_PRODUCT_ID", product))));
        }
        throw new ConfigException("printers: missing (expected: the names of this shop's printers, e.g. \"receipt\","
                + " each described by printer.<name>.transport and its settings)");
    }

    private static PrinterConfig printer(Settings settings, String name, boolean isDefault) {
        String prefix = "printer." + name + ".";
        String transportKey = prefix + "transport";
        String transportName = settings.require(transportKey, "usb, network, spooler or virtual")
                .toLowerCase(Locale.ROOT);
        TransportConfig transport = switch (transportName) {
            case "usb" ->
                new TransportConfig.Usb(
                        Settings.hexId(
                                prefix + "usb.vendor-id",
                                settings.require(prefix + "usb.vendor-id", "the USB vendor id in hex, e.g. 0471")),
                        Settings.hexId(
                                prefix + "usb.product-id",
                                settings.require(prefix + "usb.product-id", "the USB product id in hex, e.g. 0055")));
            case "network" ->
                new TransportConfig.Network(
                        settings.require(prefix + "network.host", "the printer's IP address or host name"),
                        settings.integer(prefix + "network.port", 9100, 1, 65535));
            case "spooler" ->
                new TransportConfig.Spooler(settings.require(
                        prefix + "spooler.queue", "the printer's name in Windows (or the CUPS queue)"));
            case "virtual" -> new TransportConfig.Virtual();
            default -> throw ConfigException.of(transportKey, transportName, "usb, network, spooler or virtual");
        };
        int paper = settings.integer(prefix + "paper-width-mm", 80, 58, 80);
        if (paper != 58 && paper != 80) {
            throw ConfigException.of(prefix + "paper-width-mm", Integer.toString(paper), "58 or 80");
        }
        String codePages = settings.get(prefix + "code-pages").orElse("epson").toLowerCase(Locale.ROOT);
        if (!codePages.matches("[a-z0-9-]{1,32}")) {
            throw ConfigException.of(prefix + "code-pages", codePages, "a code page numbering such as epson or zjiang");
        }
        String drawer = settings.get(prefix + "drawer").orElse("pin2").toLowerCase(Locale.ROOT);
        DrawerPin pin = switch (drawer) {
            case "pin2", "2" -> DrawerPin.PIN_2;
            case "pin5", "5" -> DrawerPin.PIN_5;
            case "none" -> DrawerPin.PIN_2;
            default -> throw ConfigException.of(prefix + "drawer", drawer, "pin2, pin5 or none");
        };
        String openWhen =
                settings.get(prefix + "drawer-open-when").orElse("high").toLowerCase(Locale.ROOT);
        if (!openWhen.equals("high") && !openWhen.equals("low")) {
            throw ConfigException.of(
                    prefix + "drawer-open-when", openWhen, "high or low (the drawer sensor level on pin 3 when open)");
        }
        int pulseMs = settings.integer(
                prefix + "drawer-pulse-ms",
                (int) DrawerPulse.DEFAULT.on().toMillis(),
                (int) DrawerPulse.MIN_ON.toMillis(),
                (int) DrawerPulse.MAX_ON.toMillis());
        PrinterSettings printer = new PrinterSettings(
                name,
                isDefault,
                paper,
                codePages,
                settings.flag(prefix + "arabic-code-page", codePages.equals("epson") || codePages.equals("zjiang")),
                !drawer.equals("none"),
                pin,
                new DrawerPulse(Duration.ofMillis(pulseMs)),
                openWhen.equals("high"),
                settings.flag(prefix + "realtime-drawer-pulse", false),
                settings.duration(prefix + "status-timeout", Duration.ofSeconds(1)));
        return new PrinterConfig(printer, transport);
    }
}
