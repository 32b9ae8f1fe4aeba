package io.printbridge.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.printer.DrawerPin;
import io.printbridge.agent.printer.DrawerPulse;
import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrinterWorkerTest {

    @Test
    void pollsOfASlowPrinterDoNotPileUpAheadOfJobs() throws Exception {
        VirtualPrinter device = new VirtualPrinter().delayPerWrite(Duration.ofMillis(50));
        PrinterWorker worker = new PrinterWorker(
                new EscPosPrinter(
                        new PrinterSettings(
                                "receipt",
                                true,
                                80,
                                "epson",
                                true,
                                true,
                                DrawerPin.PIN_2,
                                DrawerPulse.DEFAULT,
                                true,
                                false,
                                Duration.ofMillis(200)),
                        new VirtualPrinterTransport(device),
                        Clock.systemUTC()),
                (name, status) -> {});
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            // A poll takes 4 × 50 ms; one is asked for every 10 ms, twenty times faster.
            worker.startPolling(scheduler, Duration.ofMillis(10));
            Thread.sleep(1000);
            scheduler.shutdownNow();
            int before = device.statusQueries();

            worker.submit(() -> null).get(30, TimeUnit.SECONDS);

            // What ran between stopping the polls and the job: at most the poll in progress and
            // one pending (4 queries each), not the backlog of ~100 a poll per tick would leave.
            assertThat(device.statusQueries() - before).isLessThanOrEqualTo(8);
        } finally {
            scheduler.shutdownNow();
            worker.close();
        }
    }
}
