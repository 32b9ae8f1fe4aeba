package io.printbridge.faults.harness;

import io.printbridge.faults.DrawerPulse;
import io.printbridge.faults.PrintedCopy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Reads the printers' recordings back into jobs: which job each copy on paper was, and which job
 * each drawer pulse opened the drawer for.
 *
 * <p>Every job's bytes begin with {@code ESC @} (the invoice renderer's and the raw tickets'
 * first command), so the printed stream splits there into one piece per copy; a piece with a
 * job's marker is one copy of that job, however many times the marker appears in it. A pulse of
 * the receipt printer's own length follows a receipt: it belongs to the last copy before it. A
 * pulse of another length is a drawer job's, told apart by the length it asked for: the latest
 * such job of that store created before the pulse.
 */
final class PaperReader {

    private static final String INITIALIZE = "\u001b@";

    /** What the paper says, as the checker takes it. */
    record Paper(List<PrintedCopy> copies, List<DrawerPulse> pulses) {}

    /** A drawer job, as needed to tell its pulse. */
    record DrawerJob(String jobId, String store, int pulseMs, Instant createdAt) {}

    private final Map<String, String> jobIdByKey;
    private final List<DrawerJob> drawerJobs;

    /**
     * @param jobIdByKey the job each idempotency key made (a key whose request never got an
     *     answer maps to nothing: its paper is reported as of an unknown job)
     */
    PaperReader(Map<String, String> jobIdByKey, List<DrawerJob> drawerJobs) {
        this.jobIdByKey = Map.copyOf(jobIdByKey);
        this.drawerJobs = drawerJobs.stream()
                .sorted(Comparator.comparing(DrawerJob::createdAt))
                .toList();
    }

    Paper read(List<RecordingPrinter.Recording> recordings) {
        List<PrintedCopy> copies = new ArrayList<>();
        List<DrawerPulse> pulses = new ArrayList<>();
        for (RecordingPrinter.Recording recording : recordings) {
            String where = recording.store() + "/" + recording.printer();
            // offset of each copy's first marker -> the job; read in order to attribute pulses
            TreeMap<Integer, String> copyStarts = new TreeMap<>();
            String text = new String(recording.printed(), StandardCharsets.ISO_8859_1);
            int pieceStart = 0;
            while (pieceStart < text.length()) {
                int next = text.indexOf(INITIALIZE, pieceStart + 1);
                int pieceEnd = next < 0 ? text.length() : next;
                Matcher marker = JobMaker.MARKER.matcher(text).region(pieceStart, pieceEnd);
                List<String> seen = new ArrayList<>();
                while (marker.find()) {
                    String jobId = jobIdOf(marker.group());
                    if (!seen.contains(jobId)) {
                        seen.add(jobId);
                        copies.add(new PrintedCopy(jobId, where, recording.timeOf(marker.start())));
                        copyStarts.put(marker.start(), jobId);
                    }
                }
                pieceStart = pieceEnd;
            }
            for (RecordingPrinter.Pulse pulse : recording.pulses()) {
                String jobId = pulse.on().toMillis() == AgentProcess.AFTER_RECEIPT_PULSE_MS
                        ? Optional.ofNullable(copyStarts.floorEntry(pulse.printedBefore()))
                                .map(Map.Entry::getValue)
                                .orElse("no receipt before the pulse at " + pulse.at())
                        : drawerJobOf(recording.store(), (int) pulse.on().toMillis(), pulse.at());
                pulses.add(new DrawerPulse(jobId, where, pulse.at()));
            }
        }
        return new Paper(copies, pulses);
    }

    private String jobIdOf(String key) {
        String jobId = jobIdByKey.get(key);
        return jobId != null ? jobId : "never-answered:" + key;
    }

    private String drawerJobOf(String store, int pulseMs, Instant at) {
        DrawerJob latest = null;
        for (DrawerJob job : drawerJobs) {
            if (job.createdAt().isAfter(at)) {
                break;
            }
            if (job.store().equals(store) && job.pulseMs() == pulseMs) {
                latest = job;
            }
        }
        return latest != null ? latest.jobId() : "no drawer job of " + pulseMs + " ms before the pulse at " + at;
    }
}
