package io.printbridge.server.cli;

import io.printbridge.server.admin.EnrolmentCodeView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code enrol-codes revoke ID [--server URL]}: an active code can no longer be used. */
@Command(name = "revoke", description = "Revokes an enrolment code that was not used yet.")
final class RevokeEnrolCodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    EnrolCodesCommand codes;

    @Mixin
    HelpOption help;

    @Parameters(index = "0", paramLabel = "ID", description = "The code's id, as `enrol-codes list` shows it.")
    String id;

    @Mixin
    ServerConnection connection;

    @Override
    public Integer call() {
        EnrolmentCodeView revoked;
        try (EnrolmentCodeBackend backend = codes.open(spec, connection)) {
            revoked = backend.revoke(id);
        }
        spec.commandLine()
                .getErr()
                .println("revoked enrolment code " + revoked.id() + " of store " + revoked.storeId() + " at "
                        + revoked.revokedAt() + ": it can no longer be used. For a new one: bridge-server enrol-codes"
                        + " create --store " + revoked.storeId());
        return 0;
    }
}
