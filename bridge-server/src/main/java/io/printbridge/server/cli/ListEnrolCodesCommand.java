package io.printbridge.server.cli;

import io.printbridge.server.admin.EnrolmentCodeView;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code enrol-codes list [--store ID] [--server URL]}: the newest codes, one per line, never a secret. */
@Command(name = "list", description = "Lists enrolment codes (newest first) without their secrets.")
final class ListEnrolCodesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    EnrolCodesCommand codes;

    @Mixin
    HelpOption help;

    @Option(names = "--store", paramLabel = "STORE_ID", description = "Only this store's codes.")
    @Nullable
    String store;

    @Mixin
    ServerConnection connection;

    @Override
    public Integer call() {
        List<EnrolmentCodeView> listed;
        try (EnrolmentCodeBackend backend = codes.open(spec, connection)) {
            listed = backend.list(store);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-16s  %-20s  %-8s  %-27s  %s%n", "ID", "STORE", "STATE", "EXPIRES", "USED BY / REVOKED");
        for (EnrolmentCodeView code : listed) {
            String detail = code.usedAt() != null
                    ? Objects.requireNonNullElse(code.usedByHost(), "?") + " at " + code.usedAt()
                    : code.revokedAt() != null ? "revoked at " + code.revokedAt() : "";
            out.printf(
                    "%-16s  %-20s  %-8s  %-27s  %s%n",
                    code.id(), code.storeId(), code.state(), code.expiresAt(), detail);
        }
        spec.commandLine()
                .getErr()
                .println(listed.size() + " code(s)"
                        + (listed.isEmpty()
                                ? ". Make one with: bridge-server enrol-codes create --store STORE_ID"
                                : ""));
        return 0;
    }
}
