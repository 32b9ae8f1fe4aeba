package io.printbridge.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.OpenDrawer;
import io.printbridge.proto.v1.PrintBytes;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandExecutorTest {

    private final VirtualPrinter device = new VirtualPrinter();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Printers printers = new Printers(List.of(new PrinterWorker(
            new EscPosPrinter(PrinterSettings.receipt("receipt", true), new VirtualPrinterTransport(device), Clock.systemUTC()),
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
        Command drawer = Command.newBuilder().setId("drawer-1").setTimeToLive(Duration.newBuilder().setSeconds(15))
                .setOpenDrawer(OpenDrawer.getDefaultInstance()).build();
        long receivedAt = now.get();
        now.addAndGet(TimeUnit.SECONDS.toNanos(16)); // the printer was busy for 16 s

        executor.execute(drawer, receivedAt, results::add);

        CommandResult result = next();
        assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_EXPIRED);
        assertThat(device.drawerKicks()).isEmpty();
    }

    @Test
    void commandForAnUnknownPrinterFailsNamingIt() throws Exception {
        executor.execute(print("job-2", "x", 60).toBuilder().setPrinter("kitchen").build(), now.get(), results::add);

        CommandResult result = next();
        assertThat(result.getFailed().getCode()).isEqualTo(FailureCode.FAILURE_CODE_UNKNOWN_PRINTER);
        assertThat(result.getFailed().getMessage()).isEqualTo("no printer named \"kitchen\" on this agent");
    }

    @Test
    void commandWithAnActionThisAgentDoesNotKnowFailsAsUnsupported() throws Exception {
        executor.execute(Command.newBuilder().setId("job-3").setTimeToLive(Duration.newBuilder().setSeconds(5)).build(),
                now.get(), results::add);

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

    private CommandResult next() throws InterruptedException {
        CommandResult result = results.poll(5, TimeUnit.SECONDS);
        assertThat(result).as("a result within 5 s").isNotNull();
        return result;
    }

    private static Command print(String id, String text, long ttlSeconds) {
        return Command.newBuilder().setId(id).setTimeToLive(Duration.newBuilder().setSeconds(ttlSeconds))
                .setPrint(PrintBytes.newBuilder().setData(ByteString.copyFromUtf8(text)).setRequireReady(true)).build();
    }
}
