package io.printbridge.agent.printer;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.printer.PrinterFailure.Reason;
import io.printbridge.agent.printer.PrinterStatus.State;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * An ESC/POS printer behind any {@link PrinterTransport}: prints bytes, reads status with
 * {@code DLE EOT}, pulses the drawer. Not thread-safe: the agent gives each printer one worker.
 */
public final class EscPosPrinter implements AutoCloseable {

    private final PrinterSettings settings;
    private final PrinterTransport transport;
    private final Clock clock;
    /**
     * Whether this printer has answered a status request since the agent started. One that never
     * did is taken as one that cannot (clones without DLE EOT): its silence is no fault. One that
     * did and falls silent has changed: taken as offline, since a job or a drawer pulse written to
     * it could be held in its buffer and come out whenever it comes back, late (found by the fault
     * proof: a printer muted and offline at once reported DONE for a receipt that never printed).
     */
    private boolean answeredBefore;

    public EscPosPrinter(PrinterSettings settings, PrinterTransport transport, Clock clock) {
        this.settings = requireNonNull(settings, "settings");
        this.transport = requireNonNull(transport, "transport");
        this.clock = requireNonNull(clock, "clock");
    }

    public PrinterSettings settings() {
        return settings;
    }

    public String name() {
        return settings.name();
    }

    public boolean canReadStatus() {
        return transport.canReadStatus();
    }

    /**
     * Asks {@code DLE EOT 1..4} and decodes the answers. Never hangs: a printer that does not
     * answer within the status timeout is UNKNOWN if it never answered (it may not know how), and
     * OFFLINE if it did before; one that cannot be reached is OFFLINE.
     */
    public PrinterStatus status() {
        if (!transport.canReadStatus()) {
            return PrinterStatus.unknown("status cannot be read through " + transport.describe(), clock.instant());
        }
        byte[] replies = new byte[4];
        try {
            transport.discardInput();
            for (int n = 1; n <= 4; n++) {
                transport.write(EscPos.realTimeStatus(n));
                int reply = transport.read(settings.statusTimeout());
                if (reply < 0 && answeredBefore) {
                    return PrinterStatus.offline(
                            "printer " + name() + " answered status before and now gives no answer to DLE EOT "
                                    + n + " within " + settings.statusTimeout().toMillis()
                                    + " ms; taken as offline so nothing waits in it to come out late",
                            clock.instant());
                }
                if (reply < 0) {
                    return PrinterStatus.unknown(
                            "no answer to DLE EOT " + n + " within "
                                    + settings.statusTimeout().toMillis() + " ms",
                            clock.instant());
                }
                replies[n - 1] = (byte) reply;
            }
        } catch (IOException e) {
            return PrinterStatus.offline(transport.describe() + ": " + e.getMessage(), clock.instant());
        }
        answeredBefore = true;
        return StatusDecoder.decode(replies, settings.drawerOpenWhenHigh(), clock.instant());
    }

    /**
     * Prints {@code data} as one job. With {@code requireReady}, refuses before writing a single
     * byte when the printer says it is out of paper, has its cover open, or is offline, so no
     * half receipt comes out. An UNKNOWN status does not stop the job: the printer may simply
     * not answer status (some clones never do); one that answered before and falls silent is
     * OFFLINE (see {@link #status()}).
     *
     * @return the number of bytes written
     */
    public long print(byte[] data, boolean requireReady) throws PrinterFailure {
        if (requireReady) {
            refuseUnlessReady(status());
        }
        try {
            transport.write(data);
        } catch (IOException e) {
            throw new PrinterFailure(
                    Reason.IO_ERROR,
                    "writing to printer " + name() + " (" + transport.describe() + ") failed part-way: "
                            + e.getMessage() + "; the receipt may be incomplete",
                    e);
        }
        return data.length;
    }

    /**
     * Pulses the drawer; {@code pin} 0 means the configured pin, a null {@code pulse} the
     * configured pulse.
     *
     * @param stillInTime asked right before the pulse goes to the printer, after the status check
     *     that may take a moment: false refuses with {@link Reason#LATE} and nothing is written, so
     *     a drawer never opens after its deadline
     */
    public void openDrawer(int pin, @Nullable DrawerPulse pulse, BooleanSupplier stillInTime) throws PrinterFailure {
        if (!settings.hasDrawer()) {
            throw new PrinterFailure(Reason.NO_DRAWER, "printer " + name() + " has no cash drawer configured");
        }
        DrawerPin drawerPin;
        try {
            drawerPin = pin == 0 ? settings.drawerPin() : DrawerPin.of(pin);
        } catch (IllegalArgumentException e) {
            throw new PrinterFailure(Reason.INVALID_ARGUMENT, Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        DrawerPulse length = pulse != null ? pulse : settings.drawerPulse();
        byte[] command = settings.realtimeDrawerPulse()
                ? EscPos.realTimeDrawerPulse(drawerPin, length)
                : EscPos.drawerPulse(drawerPin, length);
        if (!settings.realtimeDrawerPulse()) {
            // ESC p is buffered like print data: a printer that is offline, whatever the cause
            // (paper out and cover open take it offline too), would run it whenever it comes
            // back, which is exactly the late drawer we must never cause. Found by the fault
            // proof: a drawer job during a paper-out was reported DONE and never pulsed.
            PrinterStatus status = status();
            if (status.state() == State.OFFLINE || status.state() == State.NOT_READY) {
                throw new PrinterFailure(
                        Reason.OFFLINE,
                        "printer " + name() + " is offline (" + status.detail() + "); the drawer was not opened");
            }
        }
        if (!stillInTime.getAsBoolean()) {
            throw new PrinterFailure(
                    Reason.LATE,
                    "the drawer's time to live ran out before the pulse could be sent to printer " + name()
                            + "; the drawer was not opened");
        }
        try {
            transport.write(command);
        } catch (IOException e) {
            throw new PrinterFailure(
                    Reason.OFFLINE, "cannot reach printer " + name() + " to open the drawer: " + e.getMessage(), e);
        }
    }

    private void refuseUnlessReady(PrinterStatus status) throws PrinterFailure {
        if (status.paperEnd()) {
            throw new PrinterFailure(Reason.PAPER_OUT, "paper out on printer " + name());
        }
        if (status.coverOpen()) {
            throw new PrinterFailure(Reason.COVER_OPEN, "cover open on printer " + name());
        }
        if (status.state() == State.NOT_READY) {
            throw new PrinterFailure(Reason.PRINTER_ERROR, "printer " + name() + " reports " + status.detail());
        }
        if (status.state() == State.OFFLINE) {
            throw new PrinterFailure(Reason.OFFLINE, "printer " + name() + " is offline (" + status.detail() + ")");
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
