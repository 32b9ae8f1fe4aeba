package io.printbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge-agent printers}: what the technician at the till sees. */
class PrintersCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsEachConfiguredPrinterWithItsStatusAndFailsWhenOneIsNotReady() throws Exception {
        VirtualPrinter ready = new VirtualPrinter();
        VirtualPrinter empty = new VirtualPrinter().paperOut(true);
        try (VirtualPrinterServer receipt =
                        VirtualPrinterServer.start(ready, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                VirtualPrinterServer kitchen =
                        VirtualPrinterServer.start(empty, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (String file : new String[] {"agent.pem", "agent.key", "ca.pem"}) {
                Files.writeString(dir.resolve(file), "pem");
            }
            Path config = dir.resolve("agent.properties");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "server.address=bridge.example.com:8443",
                            "tls.certificate=agent.pem",
                            "tls.key=agent.key",
                            "tls.ca=ca.pem",
                            "printers=receipt,kitchen",
                            "printer.receipt.transport=network",
                            "printer.receipt.network.host=127.0.0.1",
                            "printer.receipt.network.port=" + receipt.port(),
                            "printer.kitchen.transport=network",
                            "printer.kitchen.network.host=127.0.0.1",
                            "printer.kitchen.network.port=" + kitchen.port(),
                            ""));
            StringWriter text = new StringWriter();

            int exit = AgentMain.execute(
                    new String[] {"printers", "--config", config.toString()},
                    Map.of(),
                    new PrintWriter(text, true),
                    new PrintWriter(new StringWriter(), true));

            String out = text.toString();
            assertThat(out)
                    .containsPattern("receipt\\s+default\\s+network 127.0.0.1:" + receipt.port() + "\\s+READY: ready");
            assertThat(out)
                    .containsPattern("kitchen\\s+network 127.0.0.1:" + kitchen.port() + "\\s+NOT_READY: paper out");
            assertThat(out).contains("USB printers on this PC:");
            assertThat(exit).isEqualTo(1);
        }
    }
}
