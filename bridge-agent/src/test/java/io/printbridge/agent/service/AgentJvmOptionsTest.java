package io.printbridge.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The agent's JVM options are written twice, once per service manager: the Linux launcher's
 * {@code jvm_opts} and the Windows service's procrun settings. Nothing else makes them agree, and a
 * change measured on one (BENCHMARKS.md, "The agent at rest") must reach the other.
 */
class AgentJvmOptionsTest {

    private static final Path LINUX = Path.of("src/dist/linux/bin/bridge-agent");
    private static final Path WINDOWS = Path.of("src/dist/windows/PrintBridgeService.ps1");

    @Test
    void theLinuxLauncherAndTheWindowsServiceStartTheAgentWithTheSameOptions() throws IOException {
        List<String> linux = linuxOptions();
        List<String> windows = windowsOptions();

        assertThat(linux).as("options of %s", LINUX).contains("-Xint", "-XX:+UseSerialGC");
        assertThat(windows).as("options of %s, against %s", WINDOWS, LINUX).containsExactlyInAnyOrderElementsOf(linux);
    }

    private static List<String> linuxOptions() throws IOException {
        Matcher line = Pattern.compile("(?m)^jvm_opts=\"([^\"]*)\"$").matcher(read(LINUX));
        assertThat(line.find()).as("a jvm_opts=\"...\" line in %s", LINUX).isTrue();
        return Arrays.asList(line.group(1).trim().split(" +"));
    }

    /** procrun's settings as JVM options: --JvmMs and --JvmMx in megabytes, --JvmOptions split on ';'. */
    private static List<String> windowsOptions() throws IOException {
        String script = read(WINDOWS);
        List<String> options = new ArrayList<>();
        options.add("-Xms" + setting(script, "JvmMs") + "m");
        options.add("-Xmx" + setting(script, "JvmMx") + "m");
        options.addAll(Arrays.asList(setting(script, "JvmOptions").split(";")));
        return options;
    }

    private static String setting(String script, String name) {
        Matcher setting = Pattern.compile("'--" + name + "=([^']*)'").matcher(script);
        assertThat(setting.find()).as("'--%s=...' in %s", name, WINDOWS).isTrue();
        String value = setting.group(1);
        assertThat(setting.find()).as("'--%s=...' once in %s", name, WINDOWS).isFalse();
        return value;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
