package io.printbridge.agent.config;

import io.printbridge.agent.printer.PrinterSettings;

/** One configured printer: what it is and how to reach it. */
public record PrinterConfig(PrinterSettings settings, TransportConfig transport) {}
