package io.printbridge.server.cli;

import io.printbridge.certs.Pem;
import io.printbridge.server.identity.CaRollover;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
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
 * {@code ca add --certificate CA.pem [--key CA.key]}: a new store CA, trusted at once beside the
 * others. Its key is copied owner-only into this server's data directory, never into the database
 * nor through the API. Prints the CA's fingerprint alone on standard output.
 */
@Command(
        name = "add",
        description = "Trusts a new store CA beside the others (agents are handed it); keeps its key on this server.")
final class AddCaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    CaCommand ca;

    @Mixin
    HelpOption help;

    @Option(names = "--certificate", required = true, paramLabel = "CA.pem", description = "The new CA's certificate.")
    Path certificate;

    @Option(
            names = "--key",
            paramLabel = "CA.key",
            description = "Its private key (PKCS#8 PEM), for this server to issue with; copied owner-only into"
                    + " <data-dir>/ca-keys/. Without it the CA is only trusted. Not with --server.")
    @Nullable
    Path key;

    @Mixin
    ServerConnection connection;

    @Override
    public Integer call() {
        X509Certificate read = readCertificate();
        PrivateKey privateKey = key == null ? null : readKey(key);
        if (privateKey != null && connection.serverOrNull(spec) != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--key with --server: a CA's key never goes through the API (expected: `ca add` without --server"
                            + " on the server's machine while it is stopped or on PostgreSQL, or --server without --key"
                            + " and the key copied owner-only to <data-dir>/ca-keys/<fingerprint>.key)");
        }
        try (CaBackend backend = ca.open(spec, connection)) {
            CaBackend.Added result = backend.add(read, privateKey);
            CaRollover.CaStatus added = result.ca();
            Path keyFile = result.keyFile();
            spec.commandLine().getOut().println(added.fingerprint());
            spec.commandLine()
                    .getErr()
                    .println("store CA " + added.fingerprint() + " (" + added.subject() + ") is " + added.state()
                            + ": agents' certificates from it are accepted and live agents are handed it to trust; "
                            + backend.takenUp() + "."
                            + (keyFile == null
                                    ? " This server holds no key for it: to issue with it, put the key owner-only in"
                                            + " <data-dir>/ca-keys/" + added.fingerprint() + ".key on each server."
                                    : " Its key was copied to " + keyFile
                                            + " (every server that issues needs that file; keep your copy offline).")
                            + " Next: replace the server's certificate with one from this CA (`certs server`),"
                            + " then `bridge-server ca issue-from "
                            + added.fingerprint().substring(0, 16)
                            + "` so that new and renewed certificates come from it.");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return 0;
    }

    private X509Certificate readCertificate() {
        try {
            return Pem.readCertificate(certificate);
        } catch (IOException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--certificate " + certificate + " cannot be read (" + e.getMessage()
                            + "; expected: the CA's certificate, PEM)");
        }
    }

    private PrivateKey readKey(Path file) {
        try {
            return Pem.readPrivateKey(file);
        } catch (IOException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--key " + file + " cannot be read (" + e.getMessage() + "; expected: the CA's PKCS#8 key, PEM)");
        }
    }
}
