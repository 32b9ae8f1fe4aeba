package io.printbridge.faults.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The jobs of a run, drawn from the seed as a shop's day has them: invoices (half of them cash
 * sales that open the drawer), raw tickets to the receipt and the kitchen printers, and drawer
 * jobs. Every printed job carries its key in its text ({@link #MARKER}); every drawer job of a
 * store asks for a pulse length no recent one of that store asked for.
 */
final class JobMaker {

    /** The key as it appears on paper: an invoice's number, or the first line of a raw ticket. */
    static final Pattern MARKER = Pattern.compile("fp(\\d{7})k");

    /** Pulse lengths a drawer job may ask for: even (ESC p counts in 2 ms), not the receipt's own. */
    private static final List<Integer> DRAWER_PULSES = java.util.stream.IntStream.rangeClosed(10, 125)
            .map(half -> half * 2)
            .filter(ms -> ms != AgentProcess.AFTER_RECEIPT_PULSE_MS)
            .boxed()
            .toList();

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectNode invoice;
    private final Random random;
    private final List<String> stores;
    private final Map<String, Integer> drawerJobsByStore = new HashMap<>();
    private int sequence;

    JobMaker(long seed, List<String> stores) {
        this.random = new Random(seed);
        this.stores = List.copyOf(stores);
        try (InputStream in = JobMaker.class.getResourceAsStream("/faults/invoice-fr.json")) {
            if (in == null) {
                throw new IllegalStateException("the example invoice /faults/invoice-fr.json is missing");
            }
            invoice = (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String key(int sequence) {
        return String.format("fp%07dk", sequence);
    }

    PlannedJob next() {
        String store = stores.get(random.nextInt(stores.size()));
        String key = key(++sequence);
        int roll = random.nextInt(100);
        ObjectNode body = json.createObjectNode();
        if (roll < 45) {
            boolean cash = random.nextBoolean();
            ObjectNode document = invoice.deepCopy();
            document.put("number", key);
            body.put("type", "invoice").set("invoice", document);
            body.put("openDrawer", cash);
            return new PlannedJob(store, key, PlannedJob.Kind.INVOICE, "receipt", cash, null, write(body));
        }
        if (roll < 85) {
            boolean kitchen = roll >= 75;
            boolean cash = !kitchen && random.nextInt(3) == 0;
            body.put("type", "raw").put("data", Base64.getEncoder().encodeToString(ticket(key, kitchen)));
            body.put("printer", kitchen ? "kitchen" : "receipt");
            if (cash) {
                body.put("openDrawer", true);
            }
            return new PlannedJob(
                    store, key, PlannedJob.Kind.RAW, kitchen ? "kitchen" : "receipt", cash, null, write(body));
        }
        int drawerJobs = drawerJobsByStore.merge(store, 1, Integer::sum);
        int pulse = DRAWER_PULSES.get(drawerJobs % DRAWER_PULSES.size());
        body.put("type", "drawer").put("pulseMs", pulse);
        return new PlannedJob(store, key, PlannedJob.Kind.DRAWER, "receipt", true, pulse, write(body));
    }

    private byte[] ticket(String key, boolean kitchen) {
        StringBuilder text = new StringBuilder("\u001b@JOB ").append(key).append('\n');
        int lines = 3 + random.nextInt(10);
        for (int i = 1; i <= lines; i++) {
            text.append(kitchen ? "1 x plat du jour " : "article ").append(i).append('\n');
        }
        text.append("\n\n\n\u001dV\u0001");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private String write(ObjectNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
