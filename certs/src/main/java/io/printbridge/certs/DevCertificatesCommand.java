package io.printbridge.certs;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code certs dev --dir DIR [--store ID[,ID...]]}: a throwaway CA, a localhost server and agents, for the demo. */
@Command(
        name = "dev",
        description = "A throwaway CA, a localhost server certificate and agent certificates (demo, tests).")
final class DevCertificatesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where to write them.")
    Path dir;

    @Option(
            names = "--store",
            split = ",",
            paramLabel = "STORE_ID",
            defaultValue = "demo-store",
            description = "The stores to issue agent certificates for (default: ${DEFAULT-VALUE}).")
    List<String> stores;

    @Override
    public Integer call() throws Exception {
        for (String store : stores) {
            if (!StoreIdentity.isValidStoreId(store)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--store \"" + store + "\" (expected: 1-63 lowercase letters, digits or inner hyphens)");
            }
        }
        DevCertificates dev = DevCertificates.create(dir, stores);
        spec.commandLine().getOut().println("wrote development certificates to " + dev.directory());
        return 0;
    }
}
