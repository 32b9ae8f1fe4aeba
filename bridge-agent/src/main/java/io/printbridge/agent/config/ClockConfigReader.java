package io.printbridge.agent.config;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.sync.ClockSettings;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The attendance clocks of the configuration: {@code clocks=entrance, back} with {@code
 * clock.<name>.host}, {@code .port} (4370), {@code .comm-key} (0), {@code .transport} (tcp or udp),
 * {@code .time-zone} (Africa/Algiers), {@code .timeout}, {@code .check-interval}; or, when no
 * clock is named, the old deployment's single clock from {@code ZK_ENABLED}, {@code ZK_IP},
 * {@code ZK_PORT} and {@code ZK_PASSWORD}, as they are.
 */
final class ClockConfigReader {

    private static final String CLOCK_NAME = "[A-Za-z0-9_-]{1,64}";
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Africa/Algiers");
    static final int DEFAULT_PORT = 4370;

    private final Settings settings;
    private final Consumer<String> warnings;

    ClockConfigReader(Settings settings, Consumer<String> warnings) {
        this.settings = requireNonNull(settings, "settings");
        this.warnings = requireNonNull(warnings, "warnings");
    }

    List<ClockSettings> clocks() {
        List<String> names = names();
        if (names.isEmpty()) {
            return seedClock();
        }
        List<ClockSettings> clocks = new ArrayList<>();
        for (String name : names) {
            clocks.add(clock(name));
        }
        return clocks;
    }

    private List<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : settings.get("clocks").orElse("").split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches(CLOCK_NAME)) {
                throw ConfigException.of("clocks", name, "clock names of 1 to 64 letters, digits, '-' or '_'");
            }
            if (!names.add(name)) {
                throw ConfigException.of("clocks", name, "each clock name once");
            }
        }
        return List.copyOf(names);
    }

    private ClockSettings clock(String name) {
        String prefix = "clock." + name + ".";
        String transport = settings.get(prefix + "transport").orElse("tcp").toLowerCase(Locale.ROOT);
        if (!transport.equals("tcp") && !transport.equals("udp")) {
            throw ConfigException.of(prefix + "transport", transport, "tcp, or udp for older firmware");
        }
        String commKey = settings.get(prefix + "comm-key").orElse("0");
        ClockEndpoint endpoint = new ClockEndpoint(
                settings.require(prefix + "host", "the clock's IP address or host name on the shop's network"),
                settings.integer(prefix + "port", DEFAULT_PORT, 1, 65535),
                transport.equals("udp") ? ClockTransport.UDP : ClockTransport.TCP,
                commKey(prefix + "comm-key", commKey),
                settings.duration(prefix + "timeout", Duration.ofSeconds(5)));
        ZoneId zone =
                zone(prefix + "time-zone", settings.get(prefix + "time-zone").orElse(DEFAULT_ZONE.getId()));
        return new ClockSettings(
                name,
                endpoint,
                zone,
                settings.duration(prefix + "check-interval", Duration.ofMinutes(1)),
                settings.duration(prefix + "full-read-interval", Duration.ofHours(24)));
    }

    /** The old deployment's clock: ZK_ENABLED, ZK_IP, ZK_PORT, ZK_PASSWORD. */
    private List<ClockSettings> seedClock() {
        String enabled = settings.seed("ZK_ENABLED");
        if (enabled.isEmpty() || !List.of("true", "1", "yes", "on").contains(enabled.toLowerCase(Locale.ROOT))) {
            return List.of();
        }
        String ip = settings.seed("ZK_IP");
        if (ip.isEmpty()) {
            throw new ConfigException(
                    "ZK_ENABLED is set but ZK_IP is missing (expected: the clock's address on the shop's network,"
                            + " e.g. 192.168.1.201)");
        }
        String port = settings.seed("ZK_PORT");
        int portNumber;
        try {
            portNumber = port.isEmpty() ? DEFAULT_PORT : Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw ConfigException.of("ZK_PORT", port, "a port from 1 to 65535, usually 4370");
        }
        if (portNumber < 1 || portNumber > 65535) {
            throw ConfigException.of("ZK_PORT", port, "a port from 1 to 65535, usually 4370");
        }
        String password = settings.seed("ZK_PASSWORD");
        warnings.accept("using the old settings ZK_IP/ZK_PORT/ZK_PASSWORD for an attendance clock named \"clock\""
                + " (TCP, zone " + DEFAULT_ZONE + "); the clocks/clock.<name>.* settings allow several clocks,"
                + " UDP and another zone. The clock no longer needs to be reachable from the server.");
        return List.of(ClockSettings.of(
                "clock",
                new ClockEndpoint(
                        ip,
                        portNumber,
                        ClockTransport.TCP,
                        commKey("ZK_PASSWORD", password.isEmpty() ? "0" : password),
                        Duration.ofSeconds(5)),
                DEFAULT_ZONE));
    }

    private static int commKey(String key, String value) {
        try {
            int commKey = Integer.parseInt(value);
            if (commKey >= 0 && commKey <= 999_999) {
                return commKey;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ConfigException.of(key, value, "the clock's comm key, a number from 0 to 999999 (0 when none is set)");
    }

    private static ZoneId zone(String key, String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw ConfigException.of(key, value, "a time zone such as Africa/Algiers");
        }
    }
}
