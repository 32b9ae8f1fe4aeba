package io.printbridge.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCommandTest {

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream());

    @Test
    void initCaThenAgentProducesAnAgentCertificateForTheStore(@TempDir Path dir) throws Exception {
        CertsCommand.run(new String[] {"init-ca", "--dir", dir.toString()}, out);
        CertsCommand.run(new String[] {"agent", "--dir", dir.toString(), "--store", "setif-04"}, out);

        assertThat(StoreIdentity.storeIdOf(Pem.readCertificate(dir.resolve("agent-setif-04.pem")))).contains("setif-04");
        assertThat(Pem.readPrivateKey(dir.resolve("agent-setif-04.key")).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void initCaRefusesToOverwriteAnExistingCa(@TempDir Path dir) throws Exception {
        CertsCommand.run(new String[] {"init-ca", "--dir", dir.toString()}, out);

        assertThatThrownBy(() -> CertsCommand.run(new String[] {"init-ca", "--dir", dir.toString()}, out))
                .hasMessageContaining("already exists");
    }

    @Test
    void agentWithoutACaSaysToRunInitCaFirst(@TempDir Path dir) {
        assertThatThrownBy(() -> CertsCommand.run(new String[] {"agent", "--dir", dir.toString(), "--store", "a"}, out))
                .hasMessageContaining("run init-ca first");
    }

    @Test
    void badDaysValueNamesTheOptionAndTheExpectation(@TempDir Path dir) {
        assertThatThrownBy(() -> CertsCommand.run(new String[] {"init-ca", "--dir", dir.toString(), "--days", "-3"}, out))
                .hasMessage("--days \"-3\" (expected: a whole number of days above 0)");
    }

    @Test
    void unknownCommandIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> CertsCommand.run(new String[] {"frobnicate", "--dir", dir.toString()}, out))
                .hasMessageContaining("unknown command \"frobnicate\"");
    }
}
