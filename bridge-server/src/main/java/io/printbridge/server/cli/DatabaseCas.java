package io.printbridge.server.cli;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.ApplicationContext;
import io.printbridge.server.identity.CaChangeRefusedException;
import io.printbridge.server.identity.CaRollover;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ca} commands on the server's database, in a context of the environment {@code cli}
 * (see {@link DatabaseTokens}). While a server runs on the default H2 file this cannot open it:
 * the message says to go through the server ({@code --server}).
 */
final class DatabaseCas implements CaBackend {

    private final ApplicationContext context;
    private final CaRollover rollover;
    private final String by;

    private DatabaseCas(ApplicationContext context, String by) {
        this.context = context;
        this.rollover = context.getBean(CaRollover.class);
        this.by = by;
    }

    static DatabaseCas open(CliEnvironment environment) {
        requireNonNull(environment, "environment");
        ApplicationContext context;
        try {
            context = DatabaseTokens.startContext(environment);
        } catch (RuntimeException e) {
            if (DatabaseTokens.databaseInUse(e)) {
                throw new CliFailure(
                        "the database is in use by a running server (its H2 file can be opened by one process at a"
                                + " time): run the command through that server, --server http://HOST:PORT with an admin"
                                + " token in BRIDGE_ADMIN_TOKEN or --admin-token-file FILE; or stop the server first",
                        e);
            }
            throw new CliFailure("cannot open the server's database: " + e.getMessage(), e);
        }
        try {
            return new DatabaseCas(context, environment.auditName());
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    @Override
    public List<CaRollover.CaStatus> status() {
        return rollover.status();
    }

    @Override
    public Added add(X509Certificate certificate, @Nullable PrivateKey key) {
        CaRollover.Added added = refusals(() -> rollover.add(by, certificate, key));
        return new Added(find(added.ca().fingerprint()), added.keyFile());
    }

    @Override
    public CaRollover.CaStatus issueFrom(String fingerprint) {
        return find(refusals(() -> rollover.issueFrom(by, fingerprint).fingerprint()));
    }

    @Override
    public Retired retire(String fingerprint, boolean force) {
        CaRollover.Retired retired = refusals(() -> rollover.retire(by, fingerprint, force));
        return new Retired(
                find(retired.ca().fingerprint()),
                retired.liveCertificates(),
                retired.stores(),
                retired.signedServerCertificate());
    }

    @Override
    public String takenUp() {
        return "running servers take it up within 30 s (bridge.identity.ca-refresh-interval)";
    }

    @Override
    public void close() {
        context.close();
    }

    private CaRollover.CaStatus find(String fingerprint) {
        return rollover.status().stream()
                .filter(status -> status.fingerprint().equals(fingerprint))
                .findFirst()
                .orElseThrow();
    }

    /** A refusal becomes the command's failure (exit 1); a bad argument stays an IllegalArgumentException. */
    private static <T> T refusals(Supplier<T> change) {
        try {
            return change.get();
        } catch (CaChangeRefusedException e) {
            throw new CliFailure(String.valueOf(e.getMessage()), e);
        }
    }
}
