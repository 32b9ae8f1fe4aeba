package io.printbridge.server.api;

import static java.util.Objects.requireNonNull;

import io.printbridge.certs.StoreIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stores an API token may use: those named, or every store when {@code *} was written.
 * Nothing else means every store: an empty list reaches none, so a token whose list was lost or
 * left blank fails closed.
 *
 * @param all {@code *} was written
 * @param ids the stores named, empty when {@code all}
 */
public record TokenStores(boolean all, Set<String> ids) {

    /** What is written for every store. */
    public static final String ALL = "*";
    /** A token that reaches no store (an empty list in the configuration, say). */
    public static final TokenStores NONE = new TokenStores(false, Set.of());

    public TokenStores {
        // Kept sorted: the store list walks a token's own ids in order (sortedIds) rather than the
        // whole fleet, so a token of three stores lists them with three look-ups.
        ids = Collections.unmodifiableNavigableSet(new TreeSet<>(requireNonNull(ids, "ids")));
        if (all && !ids.isEmpty()) {
            throw new IllegalArgumentException("ids: " + ids + " (expected: none when all stores are allowed)");
        }
    }

    public static TokenStores allStores() {
        return new TokenStores(true, Set.of());
    }

    /**
     * What the configuration or the database holds, read as it is: blank entries are skipped,
     * {@code *} anywhere means every store, and nothing left means no store.
     */
    public static TokenStores read(Collection<String> entries) {
        Set<String> ids = new TreeSet<>();
        for (String entry : entries) {
            String id = entry.trim();
            if (id.equals(ALL)) {
                return allStores();
            }
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return new TokenStores(false, ids);
    }

    /** {@link #read(Collection)} of a comma-separated list, as the database keeps it. */
    public static TokenStores read(String commaSeparated) {
        return read(List.of(commaSeparated.split(",", -1)));
    }

    /**
     * The list given for a new token, checked: it must name at least one store, each a valid
     * store id, or be {@code *} alone. Blank entries are skipped ({@code "a,"} is {@code a}).
     *
     * @param label how the caller calls the list, for messages ({@code --stores}, {@code stores})
     * @throws IllegalArgumentException naming what is wrong and what was expected
     */
    public static TokenStores requireForNewToken(String label, Collection<String> entries) {
        List<String> named = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.isBlank()) {
                named.add(entry.trim());
            }
        }
        String expected = "(expected: store ids separated by commas, or * for every store)";
        if (named.isEmpty()) {
            throw new IllegalArgumentException(label + ": " + quoted(entries) + " names no store " + expected);
        }
        if (named.contains(ALL)) {
            if (named.size() > 1) {
                throw new IllegalArgumentException(
                        label + ": " + quoted(entries) + " (expected: * alone, or store ids)");
            }
            return allStores();
        }
        List<String> invalid =
                named.stream().filter(id -> !StoreIdentity.isValidStoreId(id)).toList();
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException(
                    label + ": " + invalid + " (expected: store ids of 1-63 lowercase letters, digits"
                            + " or inner hyphens, separated by commas, or * for every store)");
        }
        return new TokenStores(false, new TreeSet<>(named));
    }

    /** {@link #requireForNewToken(String, Collection)} of a comma-separated list. */
    public static TokenStores requireForNewToken(String label, String commaSeparated) {
        return requireForNewToken(label, List.of(commaSeparated.split(",", -1)));
    }

    public boolean includes(String storeId) {
        return all || ids.contains(storeId);
    }

    /** The stores named, in id order (empty when {@code all}). */
    public NavigableSet<String> sortedIds() {
        return (NavigableSet<String>) ids; // the compact constructor made it one
    }

    public boolean isNone() {
        return !all && ids.isEmpty();
    }

    /** {@code ["*"]} or the ids in order: how JSON shows them. */
    public List<String> asList() {
        return all ? List.of(ALL) : List.copyOf(ids);
    }

    /** {@code *} or {@code a,b}: how the database keeps them. */
    public String joined() {
        return String.join(",", asList());
    }

    private static String quoted(Collection<String> entries) {
        return "\"" + String.join(",", entries) + "\"";
    }
}
