package io.printbridge.agent;

import picocli.CommandLine.Option;

/** {@code -h, --help} on every command (picocli's standard mixin would add a {@code --version} with nothing to show). */
final class HelpOption {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Shows this help and exits.")
    boolean help;
}
