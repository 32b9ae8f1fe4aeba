package io.printbridge.agent.config;

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
 */
public record AgentConfig(
        LinkSettings link,
        TlsFiles tls,
        List<PrinterConfig> printers,
        Duration statusPollInterval,
        Path dataDirectory,
        Path logDirectory,
        RenewalSettings renewal) {

    public AgentConfig {
        printers = List.copyOf(printers);
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
