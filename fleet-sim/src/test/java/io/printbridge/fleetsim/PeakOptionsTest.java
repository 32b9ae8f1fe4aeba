package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeakOptionsTest {

    @Test
    void theGridComesFromTheCommandLine() {
        FleetOptions options = FleetOptions.parse(
                "--scenario=peak",
                "--peak-rates=100, 500,1000",
                "--peak-duration=60s",
                "--peak-warm-up=15s",
                "--peak-wait=5s",
                "--peak-mix=raw=9,drawer=1");

        assertThat(options.scenarios()).containsExactly("connect", "peak");
        assertThat(options.peak().rates()).containsExactly(100.0, 500.0, 1000.0);
        assertThat(options.peak().duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.peak().warmUp()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.peak().answerWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.peak().mix()).hasToString("raw=9,drawer=1");
    }

    @Test
    void theServersJavaOptionsComeFromTheCommandLineAndMustBeJvmOptions() {
        assertThat(FleetOptions.parse("--server-java-options= -XX:+UseParallelGC  -Dx=1 ")
                        .serverJavaOptions())
                .containsExactly("-XX:+UseParallelGC", "-Dx=1");
        assertThat(FleetOptions.parse().serverJavaOptions()).isEmpty();
        assertThatThrownBy(() -> FleetOptions.parse("--server-java-options=-XX:+UseParallelGC gc"))
                .hasMessage("server-java-options: \"gc\" (expected: JVM options starting with -X or -D, separated by"
                        + " spaces)");
    }

    @Test
    void theServerRunsOnTheSimulatorsJavaUnlessToldAnotherJavaHome() {
        Path own = Path.of(System.getProperty("java.home"));
        assertThat(FleetOptions.parse().serverJava()).isEqualTo(own);
        assertThat(FleetOptions.parse("--server-java=" + own).serverJava()).isEqualTo(own);
        assertThatThrownBy(() -> FleetOptions.parse("--server-java=" + own.resolve("bin")))
                .hasMessage(
                        "server-java: " + own.resolve("bin") + " (expected: a Java home, a directory with bin/java)");
    }

    @Test
    void theServerGetsTheLaunchersCollectorAndWholeHeapUnlessTheOptionsNameTheirOwn() throws Exception {
        assertThat(FleetOptions.parse().serverJvmOptions())
                .containsExactly("-XX:+UseParallelGC", "-XX:InitialTenuringThreshold=1", "-Xms4g");
        assertThat(FleetOptions.parse("--server-heap=2g", "--server-java-options=-Dx=1")
                        .serverJvmOptions())
                .containsExactly("-XX:+UseParallelGC", "-XX:InitialTenuringThreshold=1", "-Xms2g", "-Dx=1");
        assertThat(FleetOptions.parse("--server-java-options=-XX:+UseG1GC -Xms1g -Dx=1")
                        .serverJvmOptions())
                .containsExactly("-XX:+UseG1GC", "-Xms1g", "-Dx=1");
        // The same collector as the launcher gives the deployed server, and the same initial heap.
        String launcher = Files.readString(Path.of("../bridge-server/src/dist/bin/bridge-server"));
        assertThat(launcher)
                .contains("collector=\"" + String.join(" ", FleetOptions.LAUNCHER_COLLECTOR) + "\" ;;")
                .contains("initial_heap=\"-Xms${max_heap%% *}\"");
    }

    @Test
    void theServersOpenFileLimitIsTheSimulatorsOwnUnlessToldAndNeverNegative() {
        assertThat(FleetOptions.parse().serverOpenFiles()).isZero();
        assertThat(FleetOptions.parse("--server-open-files=3000").serverOpenFiles())
                .isEqualTo(3000);
        assertThatThrownBy(() -> FleetOptions.parse("--server-open-files=-1"))
                .hasMessage("server-open-files: -1 (expected: 0, the simulator's own limit, or more)");
    }

    @Test
    void aGridThatCannotRunSaysWhatWasExpected() {
        assertThatThrownBy(() -> FleetOptions.parse("--peak-rates=100,lots"))
                .hasMessageContaining("peak-rates: \"100,lots\"")
                .hasMessageContaining("jobs per second separated by commas");
        assertThatThrownBy(() -> FleetOptions.parse("--peak-rates=0")).hasMessageContaining("above 0");
        assertThatThrownBy(() -> FleetOptions.parse("--peak-duration=0s")).hasMessageContaining("peak-duration");
        assertThatThrownBy(() -> FleetOptions.parse("--peak-wait=0s")).hasMessageContaining("at least 1s");
        assertThatThrownBy(() -> FleetOptions.parse("--peak-mix=raw"))
                .hasMessageContaining("peak-mix: \"raw\"")
                .hasMessageContaining("kind=weight");
    }

    @Test
    void aValueThatIsNotANumberOrADurationNamesItsOption() {
        assertThatThrownBy(() -> FleetOptions.parse("--peak-duration=thirty"))
                .hasMessage("peak-duration: \"thirty\" (expected: a duration such as 500ms, 10s, 2m or 1h)");
        assertThatThrownBy(() -> FleetOptions.parse("--peak-warm-up=10")).hasMessageContaining("peak-warm-up: \"10\"");
        assertThatThrownBy(() -> FleetOptions.parse("--agents=many"))
                .hasMessage("agents: \"many\" (expected: a whole number)");
        assertThatThrownBy(() -> FleetOptions.parse("--job-rate=fast")).hasMessageContaining("job-rate: \"fast\"");
        assertThatThrownBy(() -> FleetOptions.parse("--database=oracle"))
                .hasMessage("database: \"oracle\" (expected: h2 or postgres)");
    }

    @Test
    void withoutOptionsTheGridIsTheIssuesOwn() {
        PeakOptions peak = FleetOptions.parse().peak();

        assertThat(peak.rates()).containsExactly(100.0, 500.0, 1000.0);
        assertThat(peak.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(peak.warmUp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(peak.answerWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(peak.mix()).isEqualTo(PeakMix.parse("raw=80,invoice=15,drawer=5"));
    }
}
