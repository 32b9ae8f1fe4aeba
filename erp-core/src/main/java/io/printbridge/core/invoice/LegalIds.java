package io.printbridge.core.invoice;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies identifier maps so that the ERP's order (RC, NIF, AI, NIS, ...) is kept for printing. */
final class LegalIds {
    private LegalIds() {}

    /** An unmodifiable copy that iterates in the order of {@code ids}; {@code Map.copyOf} would not. */
    static Map<String, String> copyOf(Map<String, String> ids) {
        Map<String, String> copy = new LinkedHashMap<>(ids);
        // Unlike Map.copyOf, LinkedHashMap accepts nulls; the model promises none.
        copy.forEach((label, value) -> {
            requireNonNull(label, "ids label");
            requireNonNull(value, "ids value");
        });
        return Collections.unmodifiableMap(copy);
    }
}
