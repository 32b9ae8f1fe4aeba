package io.printbridge.server.jobs;

import io.printbridge.core.invoice.Invoice;
import io.printbridge.server.render.InvoiceSource;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the agent needs to execute a job, decided by the server: the bytes to print, or the
 * drawer pulse. An invoice arrives as {@link InvoiceToRender} and is stored as {@link Print}
 * once rendered for the store's printer.
 */
public sealed interface JobPayload {

    /**
     * ESC/POS bytes, written as one job; {@code source} says what invoice they were rendered from,
     * if any. The bytes never hold a drawer pulse: with {@code drawerDeadline} the agent opens the
     * drawer after printing them, as its own action, but only before that instant.
     */
    record Print(
            byte[] data,
            @Nullable InvoiceSource source,
            @Nullable Instant drawerDeadline) implements JobPayload {
        public Print(byte[] data, @Nullable InvoiceSource source) {
            this(data, source, null);
        }

        public Print(byte[] data) {
            this(data, null, null);
        }
    }

    /**
     * A validated invoice, to render for the printer that will print it.
     *
     * @param sourceJson the document as the ERP sent it, kept to render the preview again later
     */
    record InvoiceToRender(Invoice invoice, String sourceJson) implements JobPayload {}

    /** A drawer pulse; pin 0 and pulseMs 0 mean "as the agent is configured". */
    record Drawer(int pin, int pulseMs) implements JobPayload {}

    /** A status read. */
    record Status() implements JobPayload {}

    /**
     * An attendance clock's command: {@code action} is a serialized {@code Command} holding only
     * the action (read info, set time, push or remove an employee, the guarded clear); the clock's
     * name is the job's device name. Stored as it is, so what the agent gets is what was asked.
     */
    record ClockAction(byte[] action) implements JobPayload {}
}
