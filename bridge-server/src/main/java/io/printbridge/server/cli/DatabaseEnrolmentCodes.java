package io.printbridge.server.cli;

import io.micronaut.context.ApplicationContext;
import io.printbridge.server.admin.EnrolmentCodeView;
import io.printbridge.server.identity.EnrolmentCodes;
import io.printbridge.server.identity.NewEnrolmentCode;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The enrolment code commands on the server's database, without a server (see
 * {@link DatabaseTokens}): the code's CA part is read from the server's configured certificate
 * files, as the server would.
 */
final class DatabaseEnrolmentCodes implements EnrolmentCodeBackend {

    private final ApplicationContext context;
    private final EnrolmentCodes codes;
    private final String by;

    private DatabaseEnrolmentCodes(ApplicationContext context, String by) {
        this.context = context;
        this.codes = context.getBean(EnrolmentCodes.class);
        this.by = by;
    }

    static DatabaseEnrolmentCodes open(CliEnvironment environment) {
        ApplicationContext context;
        try {
            context = DatabaseTokens.startContext(environment);
        } catch (RuntimeException e) {
            if (DatabaseTokens.databaseInUse(e)) {
                throw new CliFailure(
                        "the database is in use by a running server: run the command through it instead"
                                + " (--server http://HOST:PORT with an admin token in BRIDGE_ADMIN_TOKEN or --admin-token-file)",
                        e);
            }
            throw new CliFailure("cannot open the server's database: " + e.getMessage(), e);
        }
        try {
            return new DatabaseEnrolmentCodes(context, environment.auditName());
        } catch (RuntimeException e) {
            context.close();
            throw new CliFailure("cannot set up enrolment codes: " + e.getMessage(), e);
        }
    }

    @Override
    public NewEnrolmentCode create(String storeId, @Nullable String validFor) {
        try {
            return codes.create(by, storeId, validFor == null ? null : EnrolmentCodes.parseValidity(validFor));
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // The server's certificate files: named in the message.
            throw new CliFailure("cannot make a code: " + e.getMessage(), e);
        }
    }

    @Override
    public List<EnrolmentCodeView> list(@Nullable String storeId) {
        Instant now = codes.now();
        return codes.list(storeId).stream()
                .map(row -> EnrolmentCodeView.of(row, now))
                .toList();
    }

    @Override
    public EnrolmentCodeView revoke(String id) {
        return EnrolmentCodeView.of(codes.revoke(by, id), codes.now());
    }

    @Override
    public void close() {
        context.close();
    }
}
