package io.printbridge.agent.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void theSettingsGivenReplaceTheirLinesAndEverythingElseIsKept() throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "# the shop's printers",
                        "printers=receipt",
                        "printer.receipt.transport = usb",
                        "tls.key : old/agent.key",
                        "server.address=old.example.com:8443 \\",
                        "   continued",
                        "tls.key=again",
                        ""));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.address", "bridge.example.com:8443");
        settings.put("tls.key", "certs/agent.key");
        settings.put("tls.ca", "certs/ca.pem");

        AgentConfigFile.update(file, settings, List.of("added by enroll"));

        String text = Files.readString(file);
        assertThat(text)
                .contains("# the shop's printers", "printers=receipt", "printer.receipt.transport = usb")
                .contains("# added by enroll")
                .doesNotContain("old", "continued", "again");
        Properties read = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            read.load(in);
        }
        assertThat(read)
                .containsEntry("server.address", "bridge.example.com:8443")
                .containsEntry("tls.key", "certs/agent.key")
                .containsEntry("tls.ca", "certs/ca.pem")
                .containsEntry("printers", "receipt")
                .hasSize(5);
    }

    @Test
    void aMissingFileIsCreated() throws Exception {
        Path file = dir.resolve("sub/agent.properties");

        AgentConfigFile.update(file, Map.of("server.address", "h:1"), List.of("note"));

        assertThat(Files.readAllLines(file)).containsExactly("# note", "server.address=h:1");
    }
}
