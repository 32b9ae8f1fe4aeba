package io.printbridge.agent.printer.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bridge-agent virtual-printer} with a console that types {@code help} then {@code quit}. */
class VirtualPrinterCommandTest {

    @Test
    void listensAnswersTheConsoleAndStopsOnQuit() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        VirtualPrinterCommand command = new VirtualPrinterCommand(
                new ByteArrayInputStream("help\nquit\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        int exit = new CommandLine(command).execute("--host", "127.0.0.1", "--port", "0");

        assertThat(exit).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsPattern("virtual printer listening on 127.0.0.1:\\d+")
                .contains("paper-out");
    }
}
