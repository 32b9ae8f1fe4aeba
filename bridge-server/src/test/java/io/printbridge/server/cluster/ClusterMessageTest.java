package io.printbridge.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusterMessageTest {

    @Test
    void everyMessageReadsBackAsItWasWritten() {
        List<ClusterMessage> messages = List.of(
                new ClusterMessage.JobQueued("store-1", "01JOB"),
                new ClusterMessage.JobFinished("store-2", "01JOC"),
                new ClusterMessage.StreamClaimed("store-3", 42),
                new ClusterMessage.StoreChanged("store-4"),
                new ClusterMessage.StoreRevoked("store-5"),
                new ClusterMessage.PunchesStored("store-6", 1_000_000_001L, 1_000_000_500L),
                new ClusterMessage.ClocksChanged("store-7"));
        for (ClusterMessage message : messages) {
            assertThat(ClusterMessage.decode(ClusterMessage.encode(message))).isEqualTo(message);
        }
    }

    @Test
    void linesFromANewerServerOrBrokenAreSkipped() {
        assertThat(ClusterMessage.decode("X store-1 something")).isNull();
        assertThat(ClusterMessage.decode("O store-1 not-a-number")).isNull();
        assertThat(ClusterMessage.decode("J store-1")).isNull();
        assertThat(ClusterMessage.decode("S")).isNull();
        assertThat(ClusterMessage.decode("P store-1 12")).isNull();
        assertThat(ClusterMessage.decode("P store-1 12 x")).isNull();
        assertThat(ClusterMessage.decode("C store-1 extra")).isNull();
        assertThat(ClusterMessage.decode("")).isNull();
    }

    @Test
    void manyMessagesArePackedIntoPayloadsUnderTheLimitWithNoneLost() {
        List<ClusterMessage> messages = IntStream.range(0, 1000)
                .mapToObj(i -> (ClusterMessage) new ClusterMessage.JobFinished("store-" + i, "job-" + i))
                .toList();

        List<String> payloads = ClusterMessage.payloads("server-a", messages, 7900);

        assertThat(payloads).hasSizeGreaterThan(1);
        List<ClusterMessage> read = new ArrayList<>();
        for (String payload : payloads) {
            assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(7900);
            String[] lines = payload.split("\n");
            assertThat(lines[0]).isEqualTo("server-a");
            for (int i = 1; i < lines.length; i++) {
                read.add(ClusterMessage.decode(lines[i]));
            }
        }
        assertThat(read).containsExactlyElementsOf(messages);
    }
}
