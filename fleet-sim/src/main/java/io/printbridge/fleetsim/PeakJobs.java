package io.printbridge.fleetsim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.printbridge.faults.harness.PlannedJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The request bodies of the peak hour, one per kind: a closing receipt of a dozen lines as raw
 * bytes, the fault harness's example French invoice (its number the job's key, a cash sale that
 * opens the drawer), and a drawer open. The JSON is built once per kind; each job only puts its key in.
 */
final class PeakJobs {

    /** Stands for the job's key in the bodies built once. */
    private static final String KEY = "@@KEY@@";

    private final String raw;
    private final String invoice;
    private final String drawer;

    PeakJobs() {
        ObjectMapper json = new ObjectMapper();
        StringBuilder receipt = new StringBuilder("\u001b@TICKET ").append(KEY).append('\n');
        for (int line = 1; line <= 12; line++) {
            receipt.append("article ").append(line).append("      1 x 120,00 DA\n");
        }
        receipt.append("TOTAL 1 440,00 DA\n\n\n\u001dV\u0001");
        // The key goes into the bytes as Base64 would carry it: built per job below, cheap enough.
        raw = receipt.toString();
        try (InputStream in = PeakJobs.class.getResourceAsStream("/faults/invoice-fr.json")) {
            if (in == null) {
                throw new IllegalStateException("the example invoice /faults/invoice-fr.json is missing");
            }
            ObjectNode document = (ObjectNode) json.readTree(in);
            document.put("number", KEY);
            ObjectNode body = json.createObjectNode();
            body.put("type", "invoice").set("invoice", document);
            body.put("openDrawer", true);
            invoice = json.writeValueAsString(body);
            drawer = json.writeValueAsString(
                    json.createObjectNode().put("type", "drawer").put("pulseMs", 100));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of a job of {@code kind} keyed {@code key} (letters, digits and dashes). */
    String body(PlannedJob.Kind kind, String key) {
        return switch (kind) {
            case RAW ->
                "{\"type\":\"raw\",\"printer\":\"" + VirtualReceipt.PRINTER + "\",\"data\":\""
                        + Base64.getEncoder()
                                .encodeToString(raw.replace(KEY, key).getBytes(StandardCharsets.ISO_8859_1))
                        + "\"}";
            case INVOICE -> invoice.replace(KEY, key);
            case DRAWER -> drawer;
        };
    }
}
