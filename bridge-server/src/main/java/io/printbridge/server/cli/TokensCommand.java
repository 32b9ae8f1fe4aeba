package io.printbridge.server.cli;

import io.micronaut.context.ApplicationContext;
import io.printbridge.certs.StoreIdentity;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.ids.TimeOrderedIds;
import io.printbridge.server.store.ApiTokenRepository;
import io.printbridge.server.store.AuditLog;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code bridge-server tokens create --name NAME [--stores ID,ID|*]}, {@code tokens list},
 * {@code tokens revoke --name NAME}: API tokens for the ERP, kept in the server's database as
 * SHA-256 hashes. The token itself is printed once, at creation, and never stored.
 * Runs against the same database configuration as the server, without starting it.
 */
public final class TokensCommand {

    private static final String NAME = "[A-Za-z0-9._-]{1,100}";

    private TokensCommand() {}

    /** @return the process exit code */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println(usage());
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.run("cli")) {
            ApiTokenRepository tokens = context.getBean(ApiTokenRepository.class);
            AuditLog audit = context.getBean(AuditLog.class);
            switch (args[1]) {
                case "create" -> {
                    String name = option(args, "--name");
                    String stores = option(args, "--stores", "*");
                    check(name, stores);
                    if (tokens.countByName(name) > 0) {
                        throw new IllegalArgumentException("--name \"" + name + "\" is taken (expected: a new name; revoke the old token"
                                + " and choose another name to replace it)");
                    }
                    String token = newToken();
                    tokens.insert(name, ApiTokens.sha256(token), stores, Instant.now());
                    audit.record(TimeOrderedIds.next(), Instant.now(), "cli", "token.create", null, null,
                            "token " + name + " for stores " + stores);
                    out.println(token);
                    err.println("created API token \"" + name + "\" for stores " + stores
                            + ". It is shown only this once: give it to the ERP as Authorization: Bearer <token>.");
                }
                case "list" -> tokens.findAllTokens().forEach(t -> out.printf("%-24s stores=%-30s created %s%s%n", t.name(), t.stores(),
                        t.createdAt(), t.revokedAt() == null ? "" : ", revoked " + t.revokedAt()));
                case "revoke" -> {
                    String name = option(args, "--name");
                    if (tokens.revoke(name, Instant.now()) == 0) {
                        throw new IllegalArgumentException("--name \"" + name + "\": no active token with that name");
                    }
                    audit.record(TimeOrderedIds.next(), Instant.now(), "cli", "token.revoke", null, null, "token " + name);
                    err.println("revoked API token \"" + name + "\" (servers stop accepting it within 30 s)");
                }
                default -> throw new IllegalArgumentException("tokens " + args[1] + " (expected: create, list or revoke)\n" + usage());
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("bridge-server: " + e.getMessage());
            return 2;
        }
    }

    private static void check(String name, String stores) {
        if (!name.matches(NAME)) {
            throw new IllegalArgumentException("--name \"" + name + "\" (expected: 1-100 letters, digits, '.', '_' or '-')");
        }
        List<String> invalid = new ArrayList<>();
        for (String store : stores.split(",")) {
            if (!store.equals("*") && !StoreIdentity.isValidStoreId(store.trim())) {
                invalid.add(store);
            }
        }
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("--stores " + invalid + " (expected: store ids separated by commas, or *)");
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "pb_" + HexFormat.of().formatHex(bytes);
    }

    private static String option(String[] args, String name) {
        String value = option(args, name, null);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name + "\n" + usage());
        }
        return value;
    }

    private static String option(String[] args, String name, String defaultValue) {
        for (int i = 2; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return defaultValue;
    }

    static String usage() {
        return """
                usage: bridge-server tokens create --name NAME [--stores STORE_ID,STORE_ID|*]
                       bridge-server tokens list
                       bridge-server tokens revoke --name NAME""";
    }
}
