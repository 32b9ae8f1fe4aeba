package io.printbridge.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import io.printbridge.agent.printer.DrawerPin;
import io.printbridge.agent.printer.DrawerPulse;
import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.PrinterTransport;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.DrawerAfterPrint;
import io.printbridge.proto.v1.DrawerOutcome;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.OpenDrawer;
import io.printbridge.proto.v1.PrintBytes;
import io.printbridge.proto.v1.PrinterState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandExecutorTest {

    @TempDir
    Path directory;

    private final VirtualPrinter device = new VirtualPrinter();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Printers printers = new Printers(List.of(new PrinterWorker(
            new EscPosPrinter(
                    PrinterSettings.receipt("receipt", true), new VirtualPrinterTransport(device), Clock.systemUTC()),
            (name, status) -> {})));
    private final CommandExecutor executor = new CommandExecutor(printers, new InMemoryExecutionJournal(100), now::get);
    private final BlockingQueue<CommandResult> results = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        printers.close();
    }

    @Test
    void redeliveredCommandIsAnsweredFromTheJournalAndPrintedOnce() throws Exception {
        Command print = print("job-1", "ticket\n", 60);

        executor.execute(print, now.get(), results::add);
        CommandResult first = next();
        executor.execute(print, now.get(), results::add);
        CommandResult second = next();

        assertThat(first.hasSucceeded()).isTrue();
        assertThat(second.getReplayed()).isTrue();
        assertThat(second.getSucceeded()).isEqualTo(first.getSucceeded());
        assertThat(new String(device.printed())).isEqualTo("ticket\n");
    }

    @Test
    void drawerCommandWhoseTimeToLiveRanOutInTheQueueIsNeverExecuted() throws Exception {
        Command drawer = Command.newBuilder()
                .setId("drawer-1")
                .setTimeToLive(Duration.newBuilder().setSeconds(15))
                .setOpenDrawer(OpenDrawer.getDefaultInstance())
                .build();
        long receivedAt = now.get();
        now.addAndGet(TimeUnit.SECONDS.toNanos(16)); // the printer was busy for 16 s

        executor.execute(drawer, receivedAt, results::add);

        CommandResult result = next();
        assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_EXPIRED);
        assertThat(device.drawerKicks()).isEmpty();
    }

    @Test
    void commandForAnUnknownPrinterFailsNamingIt() throws Exception {
        executor.execute(
                print("job-2", "x", 60).toBuilder().setPrinter("kitchen").build(), now.get(), results::add);

        CommandResult result = next();
        assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_UNKNOWN_PRINTER);
        assertThat(result.getFailed().getMessage()).isEqualTo("no printer named \"kitchen\" on this agent");
    }

    @Test
    void commandWithAnActionThisAgentDoesNotKnowFailsAsUnsupported() throws Exception {
        executor.execute(
                Command.newBuilder()
                        .setId("job-3")
                        .setTimeToLive(Duration.newBuilder().setSeconds(5))
                        .build(),
                now.get(),
                results::add);

        assertThat(next().getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_UNSUPPORTED);
    }

    @Test
    void failedPrintReportsTheReasonAndThePrinterStatus() throws Exception {
        device.coverOpen(true);

        executor.execute(print("job-4", "x", 60), now.get(), results::add);

        CommandResult result = next();
        assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_COVER_OPEN);
        assertThat(result.getPrinterStatus().getCoverOpen()).isTrue();
    }

    @Test
    void commandInterruptedByAnEarlierRunIsAnsweredInterruptedWithoutTouchingThePrinter() throws Exception {
        try (FileExecutionJournal before = FileExecutionJournal.open(directory, 100, false)) {
            before.started("job-5"); // then the agent died
        }
        try (FileExecutionJournal journal = FileExecutionJournal.open(directory, 100, false)) {
            CommandExecutor restarted = new CommandExecutor(printers, journal, now::get);

            restarted.execute(print("job-5", "ticket\n", 60), now.get(), results::add);

            CommandResult result = next();
            assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_INTERRUPTED);
            assertThat(result.getFailed().getMessage())
                    .matches("started at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, before the agent stopped;"
                            + " whether it printed is unknown");
            assertThat(result.getReplayed()).isTrue();
            assertThat(device.printed()).isEmpty();
            assertThat(device.statusQueries()).isEqualTo(0);
        }
    }

    @Test
    void interruptedAnswerIsRecordedSoEveryLaterRedeliveryGetsTheSameOne() throws Exception {
        try (FileExecutionJournal before = FileExecutionJournal.open(directory, 100, false)) {
            before.started("job-5");
        }
        CommandResult first;
        try (FileExecutionJournal journal = FileExecutionJournal.open(directory, 100, false)) {
            new CommandExecutor(printers, journal, now::get).execute(print("job-5", "x", 60), now.get(), results::add);
            first = next();
        }
        try (FileExecutionJournal journal = FileExecutionJournal.open(directory, 100, false)) {
            new CommandExecutor(printers, journal, now::get).execute(print("job-5", "x", 60), now.get(), results::add);

            assertThat(next()).isEqualTo(first);
            assertThat(journal.find("job-5").map(ExecutionJournal.Entry::state))
                    .contains(ExecutionJournal.Entry.State.FINISHED);
        }
        assertThat(device.printed()).isEmpty();
    }

    @Test
    void commandWaitingForItsPrinterIsNotYetJournaledAndItsRedeliveryDoesNotRunItTwice() throws Exception {
        InMemoryExecutionJournal journal = new InMemoryExecutionJournal(100);
        CommandExecutor queueing = new CommandExecutor(printers, journal, now::get);
        CountDownLatch printerBusy = new CountDownLatch(1);
        printers.defaultPrinter().submit(() -> printerBusy.await(5, TimeUnit.SECONDS)); // a long receipt

        queueing.execute(print("job-6", "ticket\n", 60), now.get(), results::add);
        queueing.execute(print("job-6", "ticket\n", 60), now.get(), results::add);

        // Killed now, the agent would leave no trace of job-6: it never touched the printer.
        assertThat(journal.find("job-6")).isEmpty();
        printerBusy.countDown();
        assertThat(next().hasSucceeded()).isTrue();
        assertThat(results.poll(200, TimeUnit.MILLISECONDS))
                .as("a second result")
                .isNull();
        assertThat(new String(device.printed())).isEqualTo("ticket\n");
    }

    @Test
    void printThatAsksForTheDrawerPulsesThePrintersConfiguredPinAfterTheReceipt() throws Exception {
        VirtualPrinter till = new VirtualPrinter();
        try (Printers pin5 = printers(till, true, DrawerPin.PIN_5)) {
            CommandExecutor onPin5 = new CommandExecutor(pin5, new InMemoryExecutionJournal(100), now::get);

            onPin5.execute(printWithDrawer("sale-1", "ticket\n", 15), now.get(), results::add);

            CommandResult result = next();
            assertThat(result.hasSucceeded()).isTrue();
            assertThat(result.getDrawer()).isEqualTo(DrawerOutcome.DRAWER_OUTCOME_OPENED);
            assertThat(till.drawerKicks())
                    .containsExactly(new VirtualPrinter.DrawerKick(5, java.time.Duration.ofMillis(100)));
            // The receipt, then ESC p on pin 5 (m = 1), 100 ms on, 200 ms off, in 2 ms units.
            assertThat(till.printed())
                    .isEqualTo(new byte[] {'t', 'i', 'c', 'k', 'e', 't', '\n', 0x1B, 'p', 1, 50, 100});
        }
    }

    @Test
    void receiptPrintedAfterTheDrawersDeadlineLeavesTheDrawerShutAndSaysSo() throws Exception {
        long sentAt = now.get();
        now.addAndGet(TimeUnit.SECONDS.toNanos(16)); // the printer was busy past the drawer's 15 s

        executor.execute(printWithDrawer("sale-2", "ticket\n", 15), sentAt, results::add);

        CommandResult result = next();
        assertThat(result.hasSucceeded()).isTrue();
        assertThat(result.getDrawer()).isEqualTo(DrawerOutcome.DRAWER_OUTCOME_EXPIRED);
        assertThat(new String(device.printed())).isEqualTo("ticket\n");
        assertThat(device.drawerKicks()).isEmpty();
    }

    @Test
    void printerWithoutADrawerPrintsAndSaysThereIsNoDrawer() throws Exception {
        VirtualPrinter kitchen = new VirtualPrinter();
        try (Printers noDrawer = printers(kitchen, false, DrawerPin.PIN_2)) {
            new CommandExecutor(noDrawer, new InMemoryExecutionJournal(100), now::get)
                    .execute(printWithDrawer("sale-3", "ticket\n", 15), now.get(), results::add);

            CommandResult result = next();
            assertThat(result.hasSucceeded()).isTrue();
            assertThat(result.getDrawer()).isEqualTo(DrawerOutcome.DRAWER_OUTCOME_NO_DRAWER);
            assertThat(result.getDrawerDetail()).isEqualTo("printer receipt has no cash drawer configured");
            assertThat(kitchen.drawerKicks()).isEmpty();
        }
    }

    @Test
    void receiptThatCannotPrintNeverOpensTheDrawer() throws Exception {
        device.paperOut(true);

        executor.execute(printWithDrawer("sale-4", "ticket\n", 15), now.get(), results::add);

        CommandResult result = next();
        assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_PAPER_OUT);
        assertThat(result.getDrawer()).isEqualTo(DrawerOutcome.DRAWER_OUTCOME_NOT_OPENED);
        assertThat(device.drawerKicks()).isEmpty();
    }

    @Test
    void redeliveredPrintWithDrawerIsAnsweredFromTheJournalAndNeverPulsesTwice() throws Exception {
        Command sale = printWithDrawer("sale-5", "ticket\n", 15);

        executor.execute(sale, now.get(), results::add);
        CommandResult first = next();
        executor.execute(sale, now.get(), results::add);
        CommandResult second = next();

        assertThat(second.getReplayed()).isTrue();
        assertThat(second.getDrawer()).isEqualTo(first.getDrawer()).isEqualTo(DrawerOutcome.DRAWER_OUTCOME_OPENED);
        assertThat(device.drawerKicks()).hasSize(1);
    }

    @Test
    void drawerCommandWithoutPinOrPulseUsesThePrintersConfiguration() throws Exception {
        VirtualPrinter till = new VirtualPrinter();
        try (Printers pin5 = printers(till, true, DrawerPin.PIN_5)) {
            new CommandExecutor(pin5, new InMemoryExecutionJournal(100), now::get)
                    .execute(
                            Command.newBuilder()
                                    .setId("drawer-2")
                                    .setTimeToLive(Duration.newBuilder().setSeconds(15))
                                    .setOpenDrawer(OpenDrawer.getDefaultInstance())
                                    .build(),
                            now.get(),
                            results::add);

            assertThat(next().hasSucceeded()).isTrue();
            assertThat(till.drawerKicks())
                    .containsExactly(new VirtualPrinter.DrawerKick(5, java.time.Duration.ofMillis(100)));
        }
    }

    @Test
    void printerTakenOfflineAsThePulseReachesItMakesTheDrawerUnknownNotOpened() throws Exception {
        VirtualPrinter till = new VirtualPrinter();
        try (Printers stopsAtPulse = printers(new StopsOnWrite(till, 'p', () -> till.offline(true)), true)) {
            new CommandExecutor(stopsAtPulse, new InMemoryExecutionJournal(100), now::get)
                    .execute(printWithDrawer("sale-6", "ticket\n", 15), now.get(), results::add);

            CommandResult result = next();
            assertThat(till.drawerKicks()).isEmpty();
            assertThat(result.getDrawer()).isEqualTo(DrawerOutcome.DRAWER_OUTCOME_UNKNOWN);
            assertThat(result.getDrawerDetail()).startsWith("printer receipt stopped as the pulse reached it (");
            assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_IO_ERROR);
            assertThat(result.getPrinterStatus().getState()).isEqualTo(PrinterState.PRINTER_STATE_OFFLINE);
        }
    }

    @Test
    void paperRunningOutAsTheReceiptPrintsMakesItsOutcomeUnknownNotDone() throws Exception {
        VirtualPrinter till = new VirtualPrinter();
        try (Printers stopsMidReceipt = printers(new StopsOnWrite(till, 't', () -> till.paperOut(true)), true)) {
            new CommandExecutor(stopsMidReceipt, new InMemoryExecutionJournal(100), now::get)
                    .execute(printWithDrawer("sale-7", "ticket\n", 15), now.get(), results::add);

            CommandResult result = next();
            assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_IO_ERROR);
            assertThat(result.getFailed().getMessage())
                    .startsWith("printer receipt stopped as the receipt reached it (")
                    .endsWith("whether it printed whole is unknown; check the paper");
            // the drawer's own status check saw the stop: no pulse, and the result says so
            assertThat(result.getDrawer()).isEqualTo(DrawerOutcome.DRAWER_OUTCOME_FAILED);
            assertThat(till.drawerKicks()).isEmpty();
        }
    }

    @Test
    void drawerJobWhosePrinterStopsAsThePulseReachesItIsUnknownNotDone() throws Exception {
        VirtualPrinter till = new VirtualPrinter();
        try (Printers stopsAtPulse = printers(new StopsOnWrite(till, 'p', () -> till.offline(true)), true)) {
            new CommandExecutor(stopsAtPulse, new InMemoryExecutionJournal(100), now::get)
                    .execute(
                            Command.newBuilder()
                                    .setId("drawer-3")
                                    .setTimeToLive(Duration.newBuilder().setSeconds(15))
                                    .setOpenDrawer(OpenDrawer.getDefaultInstance())
                                    .build(),
                            now.get(),
                            results::add);

            CommandResult result = next();
            assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_IO_ERROR);
            assertThat(result.getFailed().getMessage())
                    .endsWith("whether it opened the drawer is unknown; check the drawer");
            assertThat(till.drawerKicks()).isEmpty();
        }
    }

    /**
     * A printer that stops at the worst moment: {@code stop} runs as the first write holding
     * {@code marker} (the receipt's text, or {@code p} of the drawer's ESC p) reaches it, after
     * the status check before it said ready.
     */
    private static final class StopsOnWrite implements PrinterTransport {
        private final VirtualPrinterTransport printer;
        private final byte marker;
        private final Runnable stop;
        private boolean stopped;

        StopsOnWrite(VirtualPrinter device, char marker, Runnable stop) {
            this.printer = new VirtualPrinterTransport(device);
            this.marker = (byte) marker;
            this.stop = stop;
        }

        @Override
        public void write(byte[] data) {
            boolean isStatusQuery = data.length > 0 && data[0] == 0x10; // DLE EOT n
            for (byte b : data) {
                if (!stopped && !isStatusQuery && b == marker) {
                    stopped = true;
                    stop.run();
                }
            }
            printer.write(data);
        }

        @Override
        public int read(java.time.Duration timeout) throws java.io.IOException {
            return printer.read(timeout);
        }

        @Override
        public void discardInput() {
            printer.discardInput();
        }

        @Override
        public boolean canReadStatus() {
            return true;
        }

        @Override
        public String describe() {
            return "virtual printer that stops on a write";
        }

        @Override
        public void close() {}
    }

    private static Printers printers(VirtualPrinter device, boolean hasDrawer, DrawerPin pin) {
        return printers(new VirtualPrinterTransport(device), hasDrawer, pin);
    }

    private static Printers printers(PrinterTransport transport, boolean hasDrawer) {
        return printers(transport, hasDrawer, DrawerPin.PIN_2);
    }

    private static Printers printers(PrinterTransport transport, boolean hasDrawer, DrawerPin pin) {
        return new Printers(List.of(new PrinterWorker(
                new EscPosPrinter(
                        new PrinterSettings(
                                "receipt",
                                true,
                                80,
                                "epson",
                                true,
                                hasDrawer,
                                pin,
                                DrawerPulse.DEFAULT,
                                true,
                                false,
                                java.time.Duration.ofMillis(200)),
                        transport,
                        Clock.systemUTC()),
                (name, status) -> {})));
    }

    private static Command printWithDrawer(String id, String text, long drawerSeconds) {
        Command print = print(id, text, 4 * 3600);
        return print.toBuilder()
                .setPrint(print.getPrint().toBuilder()
                        .setOpenDrawerAfter(DrawerAfterPrint.newBuilder()
                                .setTimeToLive(Duration.newBuilder().setSeconds(drawerSeconds))))
                .build();
    }

    private CommandResult next() throws InterruptedException {
        CommandResult result = results.poll(5, TimeUnit.SECONDS);
        assertThat(result).as("a result within 5 s").isNotNull();
        return result;
    }

    private static Command print(String id, String text, long ttlSeconds) {
        return Command.newBuilder()
                .setId(id)
                .setTimeToLive(Duration.newBuilder().setSeconds(ttlSeconds))
                .setPrint(PrintBytes.newBuilder()
                        .setData(ByteString.copyFromUtf8(text))
                        .setRequireReady(true))
                .build();
    }
}
