package io.printbridge.certs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The certificate tool for IT staff. Plain Java, so it runs the same on the Windows till PC
 * and on the Linux VPS: {@code java -jar certs-cli.jar <command> [--option value]...}
 *
 * <pre>
 *   init-ca  --dir DIR [--name NAME] [--days 3650]        creates DIR/ca.pem and DIR/ca.key
 *   server   --dir DIR --host H[,H...] [--days 825]       creates DIR/server.pem, DIR/server.key
 *   agent    --dir DIR --store STORE_ID [--days 397]      creates DIR/agent-STORE_ID.pem/.key
 *   dev      --dir DIR [--store ID[,ID...]]               all of the above for localhost (demo)
 * </pre>
 */
public final class CertsCommand {

    private CertsCommand() {}

    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (UsageException e) {
            System.err.println("certs: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            System.err.println("certs: " + e.getMessage());
            System.exit(1);
        }
    }

    static final String USAGE = """
            usage: certs <command> [--option value]...
              init-ca --dir DIR [--name NAME] [--days 3650]
              server  --dir DIR --host HOST[,HOST...] [--days 825]
              agent   --dir DIR --store STORE_ID [--days 397]
              dev     --dir DIR [--store STORE_ID[,STORE_ID...]]   (CA + localhost server + agents)""";

    static void run(String[] args, PrintStream out) throws IOException {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        Path dir = Path.of(required(options, "dir"));
        switch (args[0]) {
            case "init-ca" -> {
                Path caFile = dir.resolve("ca.pem");
                if (Files.exists(caFile)) {
                    throw new UsageException(caFile + " already exists (a new CA would orphan every certificate it issued)");
                }
                CertificateAuthority ca = CertificateAuthority.create(options.getOrDefault("name", "printbridge store CA"),
                        Duration.ofDays(days(options, 3650)));
                out.println("wrote " + ca.writePem(dir, "ca") + " and ca.key (keep ca.key offline)");
            }
            case "server" -> {
                CertificateAuthority ca = loadCa(dir);
                List<String> hosts = List.of(required(options, "host").split(","));
                out.println("wrote " + ca.issueServer(hosts, Validity.fromNow(Duration.ofDays(days(options, 825))))
                        .writePem(dir, "server"));
            }
            case "agent" -> {
                CertificateAuthority ca = loadCa(dir);
                String store = StoreIdentity.requireValidStoreId(required(options, "store"));
                out.println("wrote " + ca.issueAgent(store, Validity.fromNow(Duration.ofDays(days(options, 397))))
                        .writePem(dir, "agent-" + store));
            }
            case "dev" -> {
                DevCertificates dev = DevCertificates.create(dir,
                        List.of(options.getOrDefault("store", "demo-store").split(",")));
                out.println("wrote development certificates to " + dev.directory());
            }
            default -> throw new UsageException("unknown command \"" + args[0] + "\" (expected: init-ca, server, agent or dev)");
        }
    }

    private static CertificateAuthority loadCa(Path dir) throws IOException {
        Path cert = dir.resolve("ca.pem");
        Path key = dir.resolve("ca.key");
        if (!Files.exists(cert) || !Files.exists(key)) {
            throw new UsageException("no CA in " + dir + " (expected: ca.pem and ca.key; run init-ca first)");
        }
        return CertificateAuthority.load(cert, key);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (!name.startsWith("--") || rest.isEmpty()) {
                throw new UsageException("option \"" + name + "\" (expected: --name value)");
            }
            options.put(name.substring(2), rest.remove(0));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("missing --" + name);
        }
        return value;
    }

    private static long days(Map<String, String> options, long defaultDays) {
        String value = options.get("days");
        if (value == null) {
            return defaultDays;
        }
        try {
            long days = Long.parseLong(value);
            if (days > 0) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new UsageException("--days \"" + value + "\" (expected: a whole number of days above 0)");
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
