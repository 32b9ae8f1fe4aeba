package io.printbridge.agent.config;

import io.printbridge.agent.clock.sync.ClockSettings;
import io.printbridge.agent.identity.RenewalSettings;
import io.printbridge.agent.link.LinkSettings;
import io.printbridge.agent.link.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the agent needs to run, read and checked once at start by {@link AgentConfigLoader}.
 *
 * @param statusPollInterval how often each printer's status is read between jobs
 * @param dataDirectory where the agent keeps its journal of executed commands
 * @param logDirectory where the agent writes its log file ({@code log.dir}, else {@code logs} in
 *     the data directory)
 * @param renewal how the agent renews its certificate by itself ({@code renewal.*})
 * @param clocks the shop's attendance clocks ({@code clocks}, {@code clock.<name>.*}, or the old
 *     {@code ZK_*} settings); none by default
 */
public record AgentConfig(
        LinkSettings link,
        TlsFiles tls,
        List<PrinterConfig> printers,
        Duration statusPollInterval,
        Path dataDirectory,
        Path logDirectory,
        RenewalSettings renewal,
        List<ClockSettings> clocks) {

    public AgentConfig {
        printers = List.copyOf(printers);
        clocks = List.copyOf(clocks);
    }

    /** Without clocks. */
    public AgentConfig(
            LinkSettings link,
            TlsFiles tls,
            List<PrinterConfig> printers,
            Duration statusPollInterval,
            Path dataDirectory,
            Path logDirectory,
            RenewalSettings renewal) {
        this(link, tls, printers, statusPollInterval, dataDirectory, logDirectory, renewal, List.of());
    }

    /** With the default renewal settings. */
    public AgentConfig(
            LinkSettings link,
            TlsFiles tls,
            List<PrinterConfig> printers,
            Duration statusPollInterval,
            Path dataDirectory,
            Path logDirectory) {
        this(link, tls, printers, statusPollInterval, dataDirectory, logDirectory, RenewalSettings.defaults());
    }
}
