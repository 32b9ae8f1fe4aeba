package io.printbridge.server.stores;

import com.google.protobuf.InvalidProtocolBufferException;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.server.cluster.Cluster;
import io.printbridge.server.cluster.ClusterMessage;
import io.printbridge.server.db.StorePrinterRepository;
import io.printbridge.server.db.StoreRecords;
import io.printbridge.server.db.StoreRow;
import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server knows of each store: whether its agent is online, when it was last heard
 * from, and its printers with their latest status. A store becomes known when its agent first
 * connects, and stays known across restarts: every change is written to the database, and the
 * directory is loaded from it at start (all stores offline until their agents reconnect).
 * Reads come from memory.
 *
 * <p>The writes go to the database coalesced, on a thread of their own ({@link StoreRecordWriter}):
 * the agents' stream callbacks that report them run on the network's event loop and must not wait
 * for a database, and however often an agent reports, its store costs at most one write per
 * flush; a heartbeat alone is written once every few minutes.
 *
 * <p>The stores are held in store id order ({@link ConcurrentSkipListMap}), because the API and the
 * dashboard list them a page at a time from a store id on ({@link #page}): a page is a walk from
 * that key, where the hash map it replaces was sorted whole on every call, for a page of 100.
 * The writers' {@code compute} calls keep their meaning: each remapping builds a new record from the
 * old one and nothing else, so the skip list applying one again after a lost race is harmless.
 */
@Singleton
public final class StoreDirectory {

    /** One store as the API and dashboard show it. */
    public record StoreInfo(
            String storeId,
            boolean online,
            Instant firstSeen,
            Instant lastSeen,
            @Nullable Instant connectedSince,
            String agentVersion,
            String hostname,
            List<PrinterInfo> printers,
            @Nullable Instant certificateExpiresAt) {}

    /** One printer of a store: what the agent said it is, and its latest status. */
    public record PrinterInfo(Printer printer, PrinterStatus status) {}

    private static final Logger log = LoggerFactory.getLogger(StoreDirectory.class);

    private final ConcurrentSkipListMap<String, StoreInfo> stores = new ConcurrentSkipListMap<>();
    /** How many {@link #stores} holds: the map's own size() walks it, and a Welcome asks for it ({@link #active}). */
    private final AtomicInteger storesKnown = new AtomicInteger();
    /** Each store's attendance clocks by name, as its agent's last Hello listed them (revision 4). */
    private final Map<String, List<String>> clockNames = new java.util.concurrent.ConcurrentHashMap<>();

    private final StoreRecords records;
    private final StoreRecordWriter writer;
    private final BridgeEvents events;
    private final Duration activeWithin;
    /**
     * How long {@link #active} uses its last count of stores gone (a count walks every store): a
     * minute, or a tenth of {@code bridge.stores.active-within} if that is shorter.
     */
    private final long goneRecountMillis;

    /** Stores not seen within {@code bridge.stores.active-within} at the last count. */
    private volatile int goneCounted;
    /** When that count was made (epoch millis); 0: never. */
    private volatile long goneCountedAt;

    public StoreDirectory(StoreRecords records, BridgeEvents events, StoresConfig config, Cluster cluster) {
        this.records = records;
        this.events = events;
        this.activeWithin = config.activeWithin();
        this.goneRecountMillis = Math.min(60_000, activeWithin.toMillis() / 10);
        load();
        // On several servers, the others reload what this one wrote (once it is committed).
        this.writer = new StoreRecordWriter(
                records,
                config.flushInterval(),
                config.seenWriteInterval(),
                cluster.enabled()
                        ? written -> written.forEach(id -> cluster.send(new ClusterMessage.StoreChanged(id)))
                        : written -> {});
    }

    /** Writes what is still pending, then stops taking writes. */
    @PreDestroy
    void close() {
        writer.close();
    }

    private void load() {
        Map<String, Map<String, PrinterStatus>> statuses = new java.util.HashMap<>();
        for (StorePrinterRepository.PrinterStatus row : records.allPrinterStatuses()) {
            statuses.computeIfAbsent(row.storeId(), k -> new LinkedHashMap<>())
                    .put(row.name(), parseStatus(row.status()));
        }
        for (StoreRow row : records.allStores()) {
            rememberClocks(row.storeId(), parseHello(row.hello()));
            if (stores.put(row.storeId(), fromRecords(row, statuses.getOrDefault(row.storeId(), Map.of()), false))
                    == null) {
                storesKnown.incrementAndGet();
            }
        }
    }

    private static StoreInfo fromRecords(StoreRow row, Map<String, PrinterStatus> known, boolean online) {
        Hello hello = parseHello(row.hello());
        List<PrinterInfo> printers = hello.getPrintersList().stream()
                .map(p -> new PrinterInfo(p, known.getOrDefault(p.getName(), p.getStatus())))
                .toList();
        return new StoreInfo(
                row.storeId(),
                online,
                row.firstSeen(),
                row.lastSeen(),
                online ? row.connectedSince() : null,
                row.agentVersion(),
                row.hostname(),
                printers,
                row.certificateExpiresAt());
    }

    /**
     * Several servers: reads again what another server recorded of {@code storeId} (its stream is
     * there), and announces a change of its online state here. {@code onlineElsewhere} says whether a
     * live server holds its stream; a store read while its agent is between two servers may look
     * offline for a moment.
     */
    public void reload(String storeId, boolean onlineElsewhere) {
        Optional<StoreRow> row = records.store(storeId);
        if (row.isEmpty()) {
            return;
        }
        Map<String, PrinterStatus> known = new LinkedHashMap<>();
        for (StorePrinterRepository.PrinterStatus status : records.printerStatuses(storeId)) {
            known.put(status.name(), parseStatus(status.status()));
        }
        boolean online = onlineElsewhere && row.get().connectedSince() != null;
        StoreInfo fresh = fromRecords(row.get(), known, online);
        rememberClocks(storeId, parseHello(row.get().hello()));
        StoreInfo before = stores.put(storeId, fresh);
        if (before == null) {
            storesKnown.incrementAndGet();
        }
        if (before == null || before.online() != online || !before.printers().equals(fresh.printers())) {
            events.publish(new BridgeEvent.StoreChanged(
                    storeId,
                    online,
                    online ? "agent connected to another server" : "agent disconnected",
                    fresh.lastSeen()));
        }
    }

    /**
     * Several servers: the servers that held these stores' streams are dead, so the stores are
     * offline here until their agents come back (to this server, or another).
     */
    public void offlineElsewhere(Set<String> storeIds, Instant now) {
        for (String storeId : storeIds) {
            StoreInfo old = stores.get(storeId);
            if (old == null || !old.online()) {
                continue;
            }
            StoreInfo offline = new StoreInfo(
                    storeId,
                    false,
                    old.firstSeen(),
                    old.lastSeen(),
                    null,
                    old.agentVersion(),
                    old.hostname(),
                    old.printers(),
                    old.certificateExpiresAt());
            if (stores.replace(storeId, old, offline)) {
                events.publish(new BridgeEvent.StoreChanged(
                        storeId, false, "the server holding its agent's connection stopped answering", now));
            }
        }
    }

    public boolean isOnline(String storeId) {
        StoreInfo store = stores.get(storeId);
        return store != null && store.online();
    }

    /**
     * How many stores are online or were seen within {@code bridge.stores.active-within} of {@code
     * now}: the fleet that may come back. The stores known, exact, less those gone at the last count
     * of them (made at most once a minute: a walk of every store). A store gone that comes back is
     * still left out until the next count, which matters nothing: it is held, and a Welcome counts
     * the streams held.
     */
    public int active(Instant now) {
        long nowMillis = now.toEpochMilli();
        if (goneCountedAt == 0 || nowMillis - goneCountedAt >= goneRecountMillis) {
            Instant since = now.minus(activeWithin);
            int gone = 0;
            for (StoreInfo store : stores.values()) {
                if (!store.online() && !store.lastSeen().isAfter(since)) {
                    gone++;
                }
            }
            goneCounted = gone;
            goneCountedAt = nowMillis;
        }
        return Math.max(0, storesKnown.get() - goneCounted);
    }

    public boolean isKnown(String storeId) {
        return stores.containsKey(storeId);
    }

    public Optional<StoreInfo> find(String storeId) {
        return Optional.ofNullable(stores.get(storeId));
    }

    /** Every store, in store id order: a copy, for the few callers that need the whole fleet at once. */
    public List<StoreInfo> all() {
        return List.copyOf(stores.values());
    }

    /**
     * Every store in store id order, as a live view: iterating it copies nothing, and sees each
     * store once, as it was at some moment of the walk (the skip list's weakly consistent iterator).
     */
    public Collection<StoreInfo> view() {
        return Collections.unmodifiableCollection(stores.values());
    }

    /**
     * The stores after {@code after} that match {@code filter}, at most {@code limit}, in store id
     * order, among {@code only} when given. Keyset paging: the next page starts after the last id of
     * this one, so a store connecting for the first time during a walk never shifts a page (as an
     * offset would). Ids only grow from page to page, so no store comes twice in a walk, and every
     * store that exists and matches the filter for the whole walk comes exactly once.
     *
     * <p>{@link StorePage#total()} costs one filter test per reachable store (it walks them all);
     * nothing is built for a store outside the page.
     *
     * @param only the only store ids to consider (an API token's list), walked in their own order
     *     and looked up here, so a token of three stores costs three look-ups whatever the fleet; null
     *     for every store
     * @param after the cursor: only ids strictly greater; null from the first store
     */
    public StorePage page(StoreFilter filter, @Nullable NavigableSet<String> only, @Nullable String after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: 1 or more)");
        }
        List<StoreInfo> page = new ArrayList<>(Math.min(limit, 1024));
        String next = null;
        int total = 0;
        for (StoreInfo store : only == null ? stores.values() : known(only)) {
            if (!filter.test(store)) {
                continue;
            }
            total++;
            if (after != null && store.storeId().compareTo(after) <= 0) {
                continue;
            }
            if (page.size() < limit) {
                page.add(store);
            } else if (next == null) {
                next = page.get(page.size() - 1).storeId();
            }
        }
        return new StorePage(page, next, total);
    }

    /** The stores of {@code ids} that exist, in the ids' order. */
    private List<StoreInfo> known(NavigableSet<String> ids) {
        List<StoreInfo> known = new ArrayList<>(Math.min(ids.size(), 1024));
        for (String id : ids) {
            StoreInfo store = stores.get(id);
            if (store != null) {
                known.add(store);
            }
        }
        return known;
    }

    /**
     * The store's agent said Hello.
     *
     * @param certificateExpiresAt when the certificate it connected with expires, if known
     */
    public void connected(String storeId, Hello hello, Instant now, @Nullable Instant certificateExpiresAt) {
        List<PrinterInfo> printers = hello.getPrintersList().stream()
                .map(p -> new PrinterInfo(p, p.getStatus()))
                .toList();
        writer.connected(storeId, hello, now, certificateExpiresAt);
        rememberClocks(storeId, hello);
        // The map may apply the function more than once: the last application is the one kept.
        boolean[] isNew = new boolean[1];
        stores.compute(storeId, (id, old) -> {
            isNew[0] = old == null;
            return new StoreInfo(
                    id,
                    true,
                    old == null ? now : old.firstSeen(),
                    now,
                    now,
                    hello.getAgentVersion(),
                    hello.getHostname(),
                    printers,
                    certificateExpiresAt);
        });
        if (isNew[0]) {
            storesKnown.incrementAndGet();
        }
        events.publish(new BridgeEvent.StoreChanged(storeId, true, "agent connected", now));
    }

    public void seen(String storeId, Instant now) {
        writer.seen(storeId, now);
        stores.computeIfPresent(
                storeId,
                (id, old) -> new StoreInfo(
                        id,
                        old.online(),
                        old.firstSeen(),
                        now,
                        old.connectedSince(),
                        old.agentVersion(),
                        old.hostname(),
                        old.printers(),
                        old.certificateExpiresAt()));
    }

    public void disconnected(String storeId, Instant now) {
        writer.disconnected(storeId, now);
        stores.computeIfPresent(
                storeId,
                (id, old) -> new StoreInfo(
                        id,
                        false,
                        old.firstSeen(),
                        now,
                        null,
                        old.agentVersion(),
                        old.hostname(),
                        old.printers(),
                        old.certificateExpiresAt()));
        events.publish(new BridgeEvent.StoreChanged(storeId, false, "agent disconnected", now));
    }

    /** Records a printer's status; an empty name means the store's default printer. */
    public void printerStatus(String storeId, String printerName, PrinterStatus status, Instant now) {
        Optional<PrinterInfo> target = find(storeId)
                .flatMap(store -> store.printers().stream()
                        .filter(p -> addresses(p.printer(), printerName))
                        .findFirst());
        if (target.isPresent() && sameConditions(target.get().status(), status)) {
            return; // every job result carries a snapshot: only a change is news
        }
        stores.computeIfPresent(storeId, (id, old) -> {
            List<PrinterInfo> printers = new ArrayList<>(old.printers());
            printers.replaceAll(p -> addresses(p.printer(), printerName) ? new PrinterInfo(p.printer(), status) : p);
            return new StoreInfo(
                    id,
                    old.online(),
                    old.firstSeen(),
                    now,
                    old.connectedSince(),
                    old.agentVersion(),
                    old.hostname(),
                    List.copyOf(printers),
                    old.certificateExpiresAt());
        });
        target.ifPresent(p -> {
            String name = p.printer().getName();
            writer.printerStatus(storeId, name, status, now);
            events.publish(new BridgeEvent.StoreChanged(
                    storeId, isOnline(storeId), "printer " + name + ": " + status.getDetail(), now));
        });
    }

    /** The printer a job for {@code printerName} would use (empty name: the default one). */
    public Optional<Printer> printer(String storeId, String printerName) {
        return find(storeId)
                .flatMap(store -> store.printers().stream()
                        .map(PrinterInfo::printer)
                        .filter(p -> addresses(p, printerName))
                        .findFirst());
    }

    /** Whether a job naming {@code printerName} goes to {@code printer}: by name, or the default for an empty name. */
    private static boolean addresses(Printer printer, String printerName) {
        return printerName.isEmpty()
                ? printer.getIsDefault()
                : printer.getName().equals(printerName);
    }

    /** The names of the store's attendance clocks, in the agent's order; empty for a store without. */
    public List<String> clockNames(String storeId) {
        return clockNames.getOrDefault(storeId, List.of());
    }

    private void rememberClocks(String storeId, Hello hello) {
        if (hello.getClocksCount() == 0) {
            clockNames.remove(storeId);
        } else {
            clockNames.put(
                    storeId,
                    hello.getClocksList().stream().map(c -> c.getName()).toList());
        }
    }

    /** The names of the store's printers, in the agent's order. */
    public List<String> printerNames(String storeId) {
        return find(storeId)
                .map(store -> store.printers().stream()
                        .map(p -> p.printer().getName())
                        .toList())
                .orElse(List.of());
    }

    /** Equal but for when they were observed. */
    private static boolean sameConditions(PrinterStatus a, PrinterStatus b) {
        return a.toBuilder()
                .clearObservedAt()
                .build()
                .equals(b.toBuilder().clearObservedAt().build());
    }

    private static Hello parseHello(byte[] bytes) {
        try {
            return Hello.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stores.hello is not a Hello message: " + e.getMessage(), e);
        }
    }

    private static PrinterStatus parseStatus(byte[] bytes) {
        try {
            return PrinterStatus.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(
                    "store_printers.status is not a PrinterStatus message: " + e.getMessage(), e);
        }
    }
}
