package io.printbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bridge-agent enroll}'s refusals before it dials anything: no code and no console, a code
 * of the wrong shape, a bad server address, an identity already there. The enrolment itself is
 * tested against a real server (bridge-server's EnrolmentTest).
 */
class EnrollCommandLineTest {

    private static final String CODE = "01AB-CDEF-GHJK-MNPQ-RSTV-WXYZ";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int agent(String... args) {
        return AgentMain.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void withoutACodeAndWithoutAConsoleItRefusesClearly() {
        // Tests run without a console, as a script or a service does.
        int exit = agent("enroll", "--server", "localhost:1", "--config", config());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("no --code, and no console to ask for it (expected: --code CODE when run from a script");
    }

    @Test
    void aCodeOfTheWrongShapeIsRefusedSayingTheShapeWithoutRepeatingIt() {
        int exit =
                agent("enroll", "--server", "localhost:1", "--code", "01AB-CDEF-GHJK-MNPQ-RSTV", "--config", config());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("enrolment code: 20 symbols (expected: 24 letters and digits in groups of four,"
                        + " XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
                .contains("check it, or ask IT for a new one")
                .doesNotContain("01AB-CDEF");
    }

    @Test
    void aServerAddressWithoutAPortIsRefused() {
        int exit = agent("enroll", "--server", "bridge.example.com", "--code", CODE, "--config", config());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--server \"bridge.example.com\" (expected: HOST:PORT");
    }

    @Test
    void anIdentityAlreadyThereIsKeptWithoutForceAndNothingIsDialled() throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/agent.key"), "the key of the PC's identity");

        // Port 1: if it dialled, the message would say it cannot reach the server.
        int exit = agent("enroll", "--server", "localhost:1", "--code", CODE, "--config", config());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("this PC already has an identity").contains("add --force");
        assertThat(Files.readString(dir.resolve("certs/agent.key"))).isEqualTo("the key of the PC's identity");
    }

    @Test
    void anIdentityTheConfigurationNamesElsewhereIsKeptWithoutForce() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("old-identity"));
        Files.writeString(elsewhere.resolve("store.pem"), "the PC's certificate");
        Files.writeString(dir.resolve("agent.properties"), "tls.certificate=old-identity/store.pem\n");

        int exit = agent("enroll", "--server", "localhost:1", "--code", CODE, "--config", config());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("this PC already has an identity").contains("store.pem");
    }

    @Test
    void aServerThatCannotBeReachedIsSaidSoAndNothingIsWritten() {
        int exit = agent("enroll", "--server", "localhost:1", "--code", CODE, "--config", config());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("not enrolled: cannot reach localhost:1");
        assertThat(dir.resolve("certs")).doesNotExist();
        assertThat(dir.resolve("agent.properties")).doesNotExist();
    }

    private String config() {
        return dir.resolve("agent.properties").toString();
    }
}
