package io.printbridge.agent.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw settings from a properties file, overridden by environment variables. Each setting
 * {@code a.b-c} can also be given as {@code BRIDGE_A_B_C}, which is how a Windows service or a
 * container usually passes them. Typed getters throw {@link ConfigException} naming the setting.
 */
final class Settings {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final Properties file;
    private final Map<String, String> environment;

    Settings(Properties file, Map<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    /** The environment variable that overrides {@code key}. */
    static String environmentName(String key) {
        return "BRIDGE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    Optional<String> get(String key) {
        String value = environment.get(environmentName(key));
        if (value == null) {
            value = file.getProperty(key);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String require(String key, String expected) {
        return get(key).orElseThrow(() -> new ConfigException(key + ": missing (expected: " + expected
                + "; set it in the configuration file or as " + environmentName(key) + ")"));
    }

    String env(String name) {
        String value = environment.get(name);
        return value == null ? "" : value.trim();
    }

    /** A setting of the old deployment, by its own name ({@code ZK_IP}): the environment, else the file. */
    String seed(String name) {
        String value = environment.get(name);
        if (value == null) {
            value = file.getProperty(name);
        }
        return value == null ? "" : value.trim();
    }

    boolean flag(String key, boolean defaultValue) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw ConfigException.of(key, value.get(), "true or false");
        };
    }

    int integer(String key, int defaultValue, int min, int max) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw ConfigException.of(key, value.get(), "a whole number from " + min + " to " + max);
    }

    /** Durations are written {@code 500ms}, {@code 5s}, {@code 2m} or {@code 1h}. */
    Duration duration(String key, Duration defaultValue) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(value.get().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw ConfigException.of(key, value.get(), "a duration such as 500ms, 5s, 2m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        Duration parsed = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (parsed.isZero()) {
            throw ConfigException.of(key, value.get(), "a duration above zero");
        }
        return parsed;
    }

    /** A USB id written in hex, with or without 0x: "0471", "0x0471". */
    static int hexId(String key, String value) {
        String digits = value.toLowerCase(Locale.ROOT).startsWith("0x") ? value.substring(2) : value;
        if (!digits.matches("[0-9a-fA-F]{1,4}")) {
            throw ConfigException.of(key, value, "a USB id of 1 to 4 hex digits, such as 0471");
        }
        return Integer.parseInt(digits, 16);
    }
}
