package io.printbridge.core.invoice;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The business that issues the invoice.
 *
 * @param name trade name
 * @param address address lines, printed in order (possibly empty)
 * @param phone phone number as printed, if any
 * @param ids legal identifiers printed as {@code label: value} (RC, NIF, AI, NIS, ...), in the
 *     order the ERP sent them
 */
public record Seller(
        String name, List<String> address, @Nullable String phone, Map<String, String> ids) {
    public Seller {
        requireNonNull(name, "name");
        address = List.copyOf(address);
        ids = LegalIds.copyOf(ids);
    }
}
