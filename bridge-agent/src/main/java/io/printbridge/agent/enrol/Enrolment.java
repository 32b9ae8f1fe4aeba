package io.printbridge.agent.enrol;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What enrolment writes into the agent's configuration, and the server address it is given. */
public final class Enrolment {

    private Enrolment() {}

    /** {@code HOST:PORT} as typed, checked. */
    public record Address(String host, int port) {

        public Address {
            requireNonNull(host, "host");
        }

        /**
         * @throws IllegalArgumentException naming the text and the shape expected
         */
        public static Address parse(String text) {
            String expected = " (expected: HOST:PORT, e.g. bridge.example.com:8443)";
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("\"" + text + "\"" + expected);
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\"" + expected, e);
            }
            if (port < 1 || port > 65535 || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("\"" + text + "\"" + expected);
            }
            return new Address(host, port);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * Points {@code configFile} at the server and at the identity in {@code files}, keeping its
     * other settings. Paths under the configuration's folder are written relative to it, as the
     * agent reads them; others whole. Forward slashes, which Java reads on Windows too, and which a
     * properties file does not take for escapes.
     */
    public static void writeConfig(Path configFile, Address server, String storeId, IdentityFiles files)
            throws IOException {
        Path parent = configFile.toAbsolutePath().getParent();
        Path base = parent != null ? parent : Path.of("").toAbsolutePath();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.address", server.toString());
        settings.put("tls.certificate", written(base, files.certificate()));
        settings.put("tls.key", written(base, files.key()));
        settings.put("tls.ca", written(base, files.caBundle()));
        AgentConfigFile.update(
                configFile,
                settings,
                List.of(
                        "Written by bridge-agent enroll on " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                                + ": this PC speaks for store " + storeId + " (its certificate says so).",
                        "The private key never leaves this PC; the agent renews its certificate by itself."));
    }

    private static String written(Path base, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path shown = absolute.startsWith(base.normalize()) ? base.normalize().relativize(absolute) : absolute;
        return shown.toString().replace('\\', '/');
    }
}
