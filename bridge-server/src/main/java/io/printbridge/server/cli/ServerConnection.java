package io.printbridge.server.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --server URL [--admin-token-file FILE]}: where a command does its work. Without
 * {@code --server}, on the database directly; with it, through that server's admin API, with the
 * admin token from {@code --admin-token-file} or the variable {@value #ADMIN_TOKEN_VARIABLE}.
 * The token is never an argument of its own: arguments show in {@code ps} to every user.
 */
final class ServerConnection {

    static final String ADMIN_TOKEN_VARIABLE = "BRIDGE_ADMIN_TOKEN";

    @Option(
            names = "--server",
            paramLabel = "URL",
            description =
                    "A running server's REST address (http://127.0.0.1:8080): work through its admin API, needed while it"
                            + " holds its H2 database. The admin token comes from --admin-token-file or $"
                            + ADMIN_TOKEN_VARIABLE + ".")
    @Nullable
    String server;

    @Option(
            names = "--admin-token-file",
            paramLabel = "FILE",
            description = "A file holding a token with the admin scope (with --server).")
    @Nullable
    Path adminTokenFile;

    /** The backend these options ask for; wrong options are a usage error of {@code spec}'s command. */
    TokenBackend open(CommandSpec spec, CliEnvironment environment) {
        if (server == null) {
            if (adminTokenFile != null) {
                throw new ParameterException(
                        spec.commandLine(), "--admin-token-file is for --server (expected: both, or neither)");
            }
            return DatabaseTokens.open(environment);
        }
        return new AdminApiTokens(serverUri(spec, server), adminToken(spec, environment));
    }

    /** The server to work through, or null for the database directly. */
    @Nullable
    URI serverOrNull(CommandSpec spec) {
        if (server == null) {
            if (adminTokenFile != null) {
                throw new ParameterException(
                        spec.commandLine(), "--admin-token-file is for --server (expected: both, or neither)");
            }
            return null;
        }
        return serverUri(spec, server);
    }

    private static URI serverUri(CommandSpec spec, String text) {
        String expected = " (expected: the server's REST address, http://HOST:PORT or https://HOST:PORT)";
        try {
            URI uri = new URI(text);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            boolean bare = uri.getRawPath() == null
                    || uri.getRawPath().isEmpty()
                    || uri.getRawPath().equals("/");
            if (!http || uri.getHost() == null || !bare || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                throw new ParameterException(spec.commandLine(), "--server \"" + text + "\"" + expected);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--server \"" + text + "\"" + expected);
        }
    }

    String adminToken(CommandSpec spec, CliEnvironment environment) {
        String token;
        if (adminTokenFile != null) {
            try {
                token = Files.readString(adminTokenFile).trim();
            } catch (IOException e) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--admin-token-file " + adminTokenFile + " cannot be read (" + e.getMessage()
                                + "; expected: a file holding the admin token)");
            }
            if (token.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--admin-token-file " + adminTokenFile
                                + " is empty (expected: a file holding the admin token)");
            }
            return token;
        }
        token = environment.variables().getOrDefault(ADMIN_TOKEN_VARIABLE, "").trim();
        if (token.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--server needs an admin token (expected: the variable "
                            + ADMIN_TOKEN_VARIABLE
                            + " or --admin-token-file FILE; never the token itself as an argument, which every"
                            + " user sees in ps)");
        }
        return token;
    }
}
