package io.printbridge.server.grpc;

import java.util.regex.Pattern;

/**
 * The most an agent may send in each field, in one place, with why. {@link AgentMessageCheck}
 * applies them where agent messages enter the server. Free text is cut (the cut says so), so that
 * a long failure message still ends its job; an identifier out of bounds is refused with the
 * stream, since cutting it would name something else. The whole message is bounded before
 * that by gRPC ({@code bridge.grpc.max-inbound-message-bytes}, 1 MiB).
 */
final class AgentMessageLimits {

    private AgentMessageLimits() {}

    /** Hello.hostname, cut: stores.hostname is VARCHAR(255); a DNS name has at most 253 characters. */
    static final int HOSTNAME_CHARS = 255;

    /** Hello.agent_version, cut: stores.agent_version is VARCHAR(64); versions read like "0.1.0-SNAPSHOT". */
    static final int AGENT_VERSION_CHARS = 64;

    /**
     * Hello.printers, refused beyond: a shop drives a receipt printer and perhaps a kitchen one; 16
     * bounds every per-store list the server keeps, shows and writes (store_printers).
     */
    static final int PRINTERS = 16;

    /** Attendance clocks one agent may report (revision 4): a shop has one or two. */
    static final int CLOCKS = 16;

    /**
     * Printer names (Hello.printers.name, PrinterStatusChanged.printer), refused unless they match:
     * the names the agent's configuration and the REST API accept (store_printers.name is VARCHAR(64)).
     */
    static final Pattern PRINTER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** PrinterCapabilities.code_page_profile, refused unless it matches: a profile's name ("epson", "zjiang"). */
    static final Pattern CODE_PAGE_PROFILE = Pattern.compile("[A-Za-z0-9_.-]{0,32}");

    /** PrinterStatus.detail, cut: one sentence for people ("paper out"), shown by the API and stored with jobs. */
    static final int STATUS_DETAIL_CHARS = 200;

    /** CommandResult.drawer_detail, cut: one sentence on why the drawer stayed shut. */
    static final int DRAWER_DETAIL_CHARS = 200;

    /**
     * CommandFailed.message, cut: it becomes jobs.error_message and the job's history reason, both
     * VARCHAR(2000); a person reads the first lines, and half the column leaves room for any wording
     * the server adds.
     */
    static final int FAILURE_MESSAGE_CHARS = 1000;

    /**
     * CommandAck.command_id and CommandResult.command_id, refused beyond: the server's command ids
     * are UUIDs (36 characters, jobs.id is VARCHAR(36)); a longer one names no job.
     */
    static final int COMMAND_ID_CHARS = 36;
}
