package io.printbridge.agent.clock.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.clock.ClockConnection;
import io.printbridge.agent.clock.ClockEndpoint;
import io.printbridge.agent.clock.ClockRecord;
import io.printbridge.agent.clock.ClockTransport;
import io.printbridge.agent.clock.zk.ZkClockConnector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedZkClockMainTest {

    @Test
    void printsItsPortsAndTheDigestOfThePunchesAClientReads() throws Exception {
        Path expected = Path.of("target", "simulated-zk-clock-main-test.txt");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SimulatedZkClockMain.Options options = SimulatedZkClockMain.Options.parse(
                new String[] {"--records", "2500", "--seed", "3", "--users", "7", "--expected", expected.toString()});

        try (SimulatedZkClock clock =
                SimulatedZkClockMain.start(options, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            List<ClockRecord> read;
            try (ClockConnection connection = new ZkClockConnector()
                    .connect(new ClockEndpoint(
                            "127.0.0.1", clock.tcpPort(), ClockTransport.TCP, 0, Duration.ofSeconds(2)))) {
                read = connection.records();
            }

            String line = printed.toString(StandardCharsets.UTF_8).trim();
            assertThat(line)
                    .startsWith("{\"tcpPort\":" + clock.tcpPort() + ",\"udpPort\":" + clock.udpPort() + ",")
                    .contains("\"records\":2500")
                    .endsWith("\"digest\":\"" + SimulatedPunches.digest(read) + "\"}");
            assertThat(Files.readAllLines(expected)).hasSize(2500).startsWith(SimulatedPunches.line(read.get(0)));
        } finally {
            Files.deleteIfExists(expected);
        }
    }

    @Test
    void unknownOptionIsRefusedNamingIt() {
        assertThatThrownBy(() -> SimulatedZkClockMain.Options.parse(new String[] {"--bogus", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option --bogus");
    }

    @Test
    void recordSizeOtherThanALayoutIsRefused() throws Exception {
        SimulatedZkClockMain.Options options =
                SimulatedZkClockMain.Options.parse(new String[] {"--record-size", "20", "--records", "1"});

        assertThatThrownBy(() -> SimulatedZkClockMain.start(options, new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record size: 20 (expected: 8, 16 or 40)");
    }
}
