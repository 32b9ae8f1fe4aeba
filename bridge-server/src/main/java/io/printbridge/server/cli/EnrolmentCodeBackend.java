package io.printbridge.server.cli;

import io.printbridge.server.admin.EnrolmentCodeView;
import io.printbridge.server.identity.NewEnrolmentCode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the enrolment code commands do their work: the database directly
 * ({@link DatabaseEnrolmentCodes}) or a running server's admin API ({@link AdminApiEnrolmentCodes}).
 * Both refuse with {@link io.printbridge.server.identity.EnrolmentRefusedException} (exit status 2)
 * and fail with {@link CliFailure} (exit status 1).
 */
interface EnrolmentCodeBackend extends AutoCloseable {

    /** @param validFor as IT wrote it ({@code 24h}), or null for the server's default */
    NewEnrolmentCode create(String storeId, @Nullable String validFor);

    List<EnrolmentCodeView> list(@Nullable String storeId);

    EnrolmentCodeView revoke(String id);

    @Override
    void close();
}
