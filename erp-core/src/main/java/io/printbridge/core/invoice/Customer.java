package io.printbridge.core.invoice;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * The buyer, printed when the ERP names one (business customers need their identifiers on the
 * invoice).
 *
 * @param name customer name
 * @param ids legal identifiers printed as {@code label: value}, in the order the ERP sent them
 */
public record Customer(String name, Map<String, String> ids) {
    public Customer {
        requireNonNull(name, "name");
        ids = LegalIds.copyOf(ids);
    }
}
