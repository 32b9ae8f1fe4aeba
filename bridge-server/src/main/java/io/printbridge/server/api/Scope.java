package io.printbridge.server.api;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API token may do. A token has exactly the scopes written for it; a right added later
 * (attendance, say) is a new constant, and no existing token gains it.
 */
public enum Scope {
    /** The ERP's calls: jobs, stores and live events of the token's stores. The default. */
    PRINT,
    /**
     * The admin API ({@code /api/v1/admin/**}): API tokens today. Whoever holds it can create a
     * token with any scope for any store, so it is worth every other right: keep it for IT.
     */
    ADMIN,
    /**
     * The shop's time clocks: attendance punches, the clocks' status, and the clock jobs (read a
     * clock, set its time, push or remove an employee, the guarded clear). A token that prints
     * does not read attendance unless granted this too.
     */
    ATTENDANCE;

    /** Whether a token with any of {@code scopes} reaches stores, so is limited to some: print and attendance do. */
    public static boolean reachesStores(Set<Scope> scopes) {
        return scopes.contains(PRINT) || scopes.contains(ATTENDANCE);
    }

    /** As written in configuration, the database and JSON: {@code print}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scope named {@code text} (trimmed); an unknown name is refused, naming the known ones. */
    public static Scope parse(String text) {
        String name = text.trim();
        for (Scope scope : values()) {
            if (scope.wireName().equals(name)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" (expected: " + known() + ")");
    }

    /** Every name in {@code texts}, blank ones skipped; an unknown name is refused. */
    public static Set<Scope> parseAll(Collection<String> texts) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String text : texts) {
            if (!text.isBlank()) {
                scopes.add(parse(text));
            }
        }
        return scopes;
    }

    /** {@code print,admin}: how a set is stored and shown. */
    public static String join(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wireName).collect(Collectors.joining(","));
    }

    /** "print or admin", for messages. */
    public static String known() {
        String[] names = Arrays.stream(values()).map(Scope::wireName).toArray(String[]::new);
        return names.length == 1
                ? names[0]
                : String.join(", ", Arrays.copyOf(names, names.length - 1)) + " or " + names[names.length - 1];
    }
}
