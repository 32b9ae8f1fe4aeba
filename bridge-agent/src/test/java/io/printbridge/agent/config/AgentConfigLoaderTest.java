package io.printbridge.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.identity.RenewalSettings;
import io.printbridge.agent.printer.DrawerPin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final AgentConfigLoader loader = new AgentConfigLoader(warnings::add);
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void certificates() throws IOException {
        for (String file : List.of("agent.pem", "agent.key", "ca.pem")) {
            Files.writeString(dir.resolve(file), "pem");
        }
    }

    @Test
    void fileWithTwoPrintersGivesBothWithTheirTransports() throws Exception {
        AgentConfig config = load("""
                server.address=bridge.example.com:8443
                tls.certificate=agent.pem
                tls.key=agent.key
                tls.ca=ca.pem
                printers=receipt, kitchen
                printer.default=receipt
                printer.receipt.transport=usb
                printer.receipt.usb.vendor-id=0471
                printer.receipt.usb.product-id=0x0055
                printer.receipt.drawer=pin5
                printer.kitchen.transport=network
                printer.kitchen.network.host=192.168.1.50
                printer.kitchen.paper-width-mm=58
                printer.kitchen.drawer=none
                status.poll-interval=10s
                """);

        assertThat(config.link().host()).isEqualTo("bridge.example.com");
        assertThat(config.link().port()).isEqualTo(8443);
        assertThat(config.tls().certificate()).isEqualTo(dir.resolve("agent.pem"));
        assertThat(config.statusPollInterval()).isEqualTo(Duration.ofSeconds(10));
        PrinterConfig receipt = config.printers().get(0);
        assertThat(receipt.transport()).isEqualTo(new TransportConfig.Usb(0x0471, 0x0055));
        assertThat(receipt.settings().isDefault()).isTrue();
        assertThat(receipt.settings().drawerPin()).isEqualTo(DrawerPin.PIN_5);
        PrinterConfig kitchen = config.printers().get(1);
        assertThat(kitchen.transport()).isEqualTo(new TransportConfig.Network("192.168.1.50", 9100));
        assertThat(kitchen.settings().paperWidthMm()).isEqualTo(58);
        assertThat(kitchen.settings().hasDrawer()).isFalse();
        assertThat(kitchen.settings().isDefault()).isFalse();
    }

    @Test
    void environmentVariableOverridesTheFile() throws Exception {
        env.put("BRIDGE_SERVER_ADDRESS", "other.example.com:9443");

        AgentConfig config = load(minimal());

        assertThat(config.link().host()).isEqualTo("other.example.com");
        assertThat(config.link().port()).isEqualTo(9443);
    }

    @Test
    void logFileGoesToLogsInTheDataDirectoryUnlessLogDirSaysOtherwise() throws Exception {
        assertThat(load(minimal() + "data.dir=shop-data\n").logDirectory()).isEqualTo(dir.resolve("shop-data/logs"));
        assertThat(load(minimal() + "log.dir=journal-logs\n").logDirectory()).isEqualTo(dir.resolve("journal-logs"));
        env.put("BRIDGE_LOG_DIR", "/var/log/printbridge");
        assertThat(load(minimal()).logDirectory()).isEqualTo(Path.of("/var/log/printbridge"));
    }

    @Test
    void drawerPulseIsConfiguredPerPrinterWithinTheSafeRange() throws Exception {
        assertThat(load(minimal() + "printer.receipt.drawer-pulse-ms=60\n")
                        .printers()
                        .get(0)
                        .settings()
                        .drawerPulse()
                        .on())
                .isEqualTo(java.time.Duration.ofMillis(60));
        assertThatThrownBy(() -> load(minimal() + "printer.receipt.drawer-pulse-ms=400\n"))
                .hasMessageContaining("printer.receipt.drawer-pulse-ms");
    }

    @Test
    void renewalTimingHasDefaultsAndCanBeSet() throws Exception {
        assertThat(load(minimal()).renewal()).isEqualTo(RenewalSettings.defaults());

        RenewalSettings set = load(minimal()
                        + "renewal.switch-window=30s\nrenewal.answer-timeout=1m\nrenewal.retry-base=10s\n"
                        + "renewal.retry-cap=2h\n")
                .renewal();

        assertThat(set)
                .isEqualTo(new RenewalSettings(
                        java.time.Duration.ofSeconds(30),
                        java.time.Duration.ofSeconds(10),
                        java.time.Duration.ofHours(2),
                        java.time.Duration.ofMinutes(1)));
        assertThatThrownBy(() -> load(minimal() + "renewal.retry-base=2h\n"))
                .hasMessageContaining("renewal.retry-cap")
                .hasMessageContaining("at least renewal.retry-base");
    }

    @Test
    void seedUsbSettingsStillDescribeTheReceiptPrinter() throws Exception {
        env.put("PRINTER_ENABLED", "true");
        env.put("PRINTER_VENDOR_ID", "0471");
        env.put("PRINTER_PRODUCT_ID", "0055");

        AgentConfig config = load(minimal().replace("printers=receipt\nprinter.receipt.transport=virtual\n", ""));

        assertThat(config.printers()).hasSize(1);
        assertThat(config.printers().get(0).transport()).isEqualTo(new TransportConfig.Usb(0x0471, 0x0055));
        assertThat(warnings).anyMatch(w -> w.contains("PRINTER_VENDOR_ID"));
    }

    @Test
    void oldHttpAgentSettingsProduceAWarningNamingWhatReplacesThem() throws Exception {
        env.put("PRINTER_AGENT_HOST", "0.0.0.0");
        env.put("PRINTER_AGENT_TOKEN", "secret");

        load(minimal());

        assertThat(warnings)
                .anySatisfy(w -> assertThat(w)
                        .startsWith("PRINTER_AGENT_HOST is set")
                        .contains("dials out")
                        .contains("server.address")
                        .contains("tls.certificate"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("PRINTER_AGENT_TOKEN is set"));
    }

    @Test
    void badHexIdStopsTheAgentNamingTheSetting() {
        assertThatThrownBy(
                        () -> load(
                                minimal()
                                        .replace(
                                                "transport=virtual",
                                                "transport=usb\nprinter.receipt.usb.vendor-id=04G1\nprinter.receipt.usb.product-id=0055")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "printer.receipt.usb.vendor-id: \"04G1\" (expected: a USB id of 1 to 4 hex digits, such as 0471)");
    }

    @Test
    void badSeedHexIdNamesTheOldSetting() {
        env.put("PRINTER_ENABLED", "true");
        env.put("PRINTER_VENDOR_ID", "zz");
        env.put("PRINTER_PRODUCT_ID", "0055");

        assertThatThrownBy(() -> load(minimal().replace("printers=receipt\nprinter.receipt.transport=virtual\n", "")))
                .hasMessageStartingWith("PRINTER_VENDOR_ID: \"zz\"");
    }

    @Test
    void unknownTransportStopsTheAgentNamingTheSetting() {
        assertThatThrownBy(() -> load(minimal().replace("transport=virtual", "transport=bluetooth")))
                .hasMessage("printer.receipt.transport: \"bluetooth\" (expected: usb, network, spooler or virtual)");
    }

    @Test
    void missingCertificateFileStopsTheAgentNamingTheSetting() throws Exception {
        Files.delete(dir.resolve("agent.key"));

        assertThatThrownBy(() -> load(minimal()))
                .hasMessageStartingWith("tls.key: " + dir.resolve("agent.key"))
                .hasMessageContaining("expected: a readable PEM file");
    }

    @Test
    void missingServerAddressSaysWhereToSetIt() {
        assertThatThrownBy(() -> load(minimal().replace("server.address=localhost:8443\n", "")))
                .hasMessageContaining("server.address: missing")
                .hasMessageContaining("BRIDGE_SERVER_ADDRESS");
    }

    @Test
    void serverAddressWithoutAPortIsRefused() {
        assertThatThrownBy(() -> load(minimal().replace("localhost:8443", "localhost")))
                .hasMessage("server.address: \"localhost\" (expected: host:port, e.g. bridge.example.com:8443)");
    }

    @Test
    void defaultPrinterMustBeOneOfThePrinters() {
        assertThatThrownBy(() -> load(minimal() + "printer.default=kitchen\n"))
                .hasMessage("printer.default: \"kitchen\" (expected: one of [receipt])");
    }

    @Test
    void badDurationNamesTheSetting() {
        assertThatThrownBy(() -> load(minimal() + "status.poll-interval=often\n"))
                .hasMessage("status.poll-interval: \"often\" (expected: a duration such as 500ms, 5s, 2m or 1h)");
    }

    @Test
    void noPrintersAtAllIsRefused() {
        assertThatThrownBy(() -> load(minimal().replace("printers=receipt\nprinter.receipt.transport=virtual\n", "")))
                .hasMessageStartingWith("printers: missing");
    }

    @Test
    void noClockIsConfiguredByDefault() throws IOException {
        assertThat(load(minimal()).clocks()).isEmpty();
    }

    @Test
    void clocksAreReadWithTheirSettingsAndDefaults() throws IOException {
        AgentConfig config = load(minimal() + """
                clocks=entrance, back
                clock.entrance.host=192.168.1.201
                clock.entrance.comm-key=123456
                clock.back.host=192.168.1.202
                clock.back.port=4371
                clock.back.transport=udp
                clock.back.time-zone=Europe/Paris
                """);
        assertThat(config.clocks()).hasSize(2);
        var entrance = config.clocks().get(0);
        assertThat(entrance.name()).isEqualTo("entrance");
        assertThat(entrance.endpoint().address()).isEqualTo("192.168.1.201:4370");
        assertThat(entrance.endpoint().commKey()).isEqualTo(123456);
        assertThat(entrance.endpoint().transport()).isEqualTo(io.printbridge.agent.clock.ClockTransport.TCP);
        assertThat(entrance.zone().getId()).isEqualTo("Africa/Algiers");
        var back = config.clocks().get(1);
        assertThat(back.endpoint().address()).isEqualTo("192.168.1.202:4371");
        assertThat(back.endpoint().transport()).isEqualTo(io.printbridge.agent.clock.ClockTransport.UDP);
        assertThat(back.zone().getId()).isEqualTo("Europe/Paris");
    }

    @Test
    void theOldDeploymentsZkSettingsDescribeOneClock() throws IOException {
        env.put("ZK_ENABLED", "true");
        env.put("ZK_IP", "10.0.0.9");
        env.put("ZK_PORT", "4370");
        env.put("ZK_PASSWORD", "0");
        AgentConfig config = load(minimal());
        assertThat(config.clocks()).singleElement().satisfies(clock -> {
            assertThat(clock.name()).isEqualTo("clock");
            assertThat(clock.endpoint().address()).isEqualTo("10.0.0.9:4370");
            assertThat(clock.endpoint().commKey()).isZero();
        });
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("ZK_IP").contains("clocks"));
    }

    @Test
    void zkEnabledWithoutAnAddressIsRefusedNamingWhatIsMissing() {
        env.put("ZK_ENABLED", "true");
        assertThatThrownBy(() -> load(minimal()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ZK_IP");
    }

    @Test
    void aCommKeyThatIsNotANumberIsRefused() {
        assertThatThrownBy(
                        () -> load(minimal() + "clocks=entrance\nclock.entrance.host=h\nclock.entrance.comm-key=abc\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clock.entrance.comm-key")
                .hasMessageContaining("abc")
                .hasMessageContaining("0 to 999999");
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        assertThatThrownBy(() -> load(
                        minimal() + "clocks=entrance\nclock.entrance.host=h\nclock.entrance.time-zone=Mars/Olympus\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Mars/Olympus")
                .hasMessageContaining("Africa/Algiers");
    }

    private String minimal() {
        return """
                server.address=localhost:8443
                tls.certificate=agent.pem
                tls.key=agent.key
                tls.ca=ca.pem
                printers=receipt
                printer.receipt.transport=virtual
                """;
    }

    private AgentConfig load(String properties) throws IOException {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, properties);
        return loader.load(file, env);
    }
}
