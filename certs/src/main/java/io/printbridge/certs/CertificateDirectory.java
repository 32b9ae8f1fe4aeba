package io.printbridge.certs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --dir} of the commands that issue with an existing CA. */
final class CertificateDirectory {

    private CertificateDirectory() {}

    /** The CA in {@code dir}; a missing one is a usage error that says to run init-ca first. */
    static CertificateAuthority loadCa(CommandSpec spec, Path dir) throws IOException {
        Path cert = dir.resolve("ca.pem");
        Path key = dir.resolve("ca.key");
        if (!Files.exists(cert) || !Files.exists(key)) {
            throw new ParameterException(
                    spec.commandLine(), "no CA in " + dir + " (expected: ca.pem and ca.key; run init-ca first)");
        }
        return CertificateAuthority.load(cert, key);
    }
}
