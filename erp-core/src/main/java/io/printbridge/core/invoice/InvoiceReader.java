package io.printbridge.core.invoice;

import static io.printbridge.core.invoice.FieldReader.path;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads the structure of one invoice document (the field list of {@code examples/invoices/README.md})
 * into the model, one part per method. Each method returns null when its part is absent or
 * broken; the violations say why.
 */
final class InvoiceReader {
    // The fields of each object of the document, in the order of examples/invoices/README.md
    // (the order error messages list them in). The legal identifiers ("ids") are the one object
    // whose keys are data (labels such as NIF), not fields.
    private static final List<String> INVOICE_FIELDS = List.of(
            "number",
            "issuedAt",
            "language",
            "currency",
            "seller",
            "customer",
            "cashier",
            "lines",
            "totals",
            "payments",
            "change",
            "qr",
            "footer");
    private static final List<String> SELLER_FIELDS = List.of("name", "address", "phone", "ids");
    private static final List<String> CUSTOMER_FIELDS = List.of("name", "ids");
    private static final List<String> LINE_FIELDS =
            List.of("description", "quantity", "unitPrice", "taxRate", "amount");
    private static final List<String> TOTALS_FIELDS = List.of("net", "taxes", "stamp", "total");
    private static final List<String> TAX_FIELDS = List.of("rate", "base", "amount");
    private static final List<String> PAYMENT_FIELDS = List.of("method", "amount");

    private final FieldReader fields;
    private final ViolationCollector violations;
    private final JsonNode root;
    private final boolean unknownFieldsRefused;

    InvoiceReader(ViolationCollector violations, JsonNode root, boolean unknownFieldsRefused) {
        this.fields = new FieldReader(violations);
        this.violations = violations;
        this.root = root;
        this.unknownFieldsRefused = unknownFieldsRefused;
    }

    /** The invoice, or null when any part of the document is broken. */
    // Each required part is null only when its reader recorded a violation, and then this returns
    // null before building the invoice: a rule NullAway cannot follow through the collector.
    @SuppressWarnings("NullAway")
    @Nullable
    Invoice invoice() {
        known(root, "", INVOICE_FIELDS);
        String number = fields.requiredText(root, "", "number", InvoiceLimits.MAX_NUMBER_LENGTH);
        OffsetDateTime issuedAt = issuedAt();
        Language language = language();
        Currency currency = currency();
        Seller seller = seller();
        Customer customer = customer();
        String cashier = fields.optionalText(root, "", "cashier", InvoiceLimits.MAX_CASHIER_LENGTH);
        List<InvoiceLine> lines = lines();
        Totals totals = totals();
        List<Payment> payments = payments();
        BigDecimal change = fields.decimal(root, "", "change", DecimalField.MONEY, false);
        String qr = fields.optionalBytes(root, "", "qr", InvoiceLimits.MAX_QR_BYTES);
        List<String> footer = fields.textLines(
                root, "", "footer", InvoiceLimits.MAX_FOOTER_LINES, InvoiceLimits.MAX_FOOTER_LINE_LENGTH);
        if (violations.count() > 0) {
            return null;
        }
        return new Invoice(
                number, issuedAt, language, currency, seller, customer, cashier, lines, totals, payments, change, qr,
                footer);
    }

    private void known(JsonNode node, String path, List<String> known) {
        if (unknownFieldsRefused) {
            fields.unknownFields(node, path, known);
        }
    }

    private @Nullable OffsetDateTime issuedAt() {
        String text = fields.requiredText(root, "", "issuedAt", Integer.MAX_VALUE);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            violations.add(
                    "issuedAt",
                    Quoted.text(text)
                            + " (expected: an ISO-8601 date-time with offset such as \"2026-11-24T10:42:00+01:00\")");
            return null;
        }
    }

    private @Nullable Language language() {
        String code = fields.requiredText(root, "", "language", Integer.MAX_VALUE);
        if (code == null) {
            return null;
        }
        Optional<Language> language = Language.ofCode(code);
        if (language.isEmpty()) {
            violations.add("language", Quoted.text(code) + " (expected: \"fr\" or \"ar\")");
        }
        return language.orElse(null);
    }

    private @Nullable Currency currency() {
        String code = fields.requiredText(root, "", "currency", Integer.MAX_VALUE);
        if (code == null) {
            return null;
        }
        String supported = InvoiceLimits.SUPPORTED_CURRENCIES.stream()
                .map(Currency::getCurrencyCode)
                .sorted()
                .collect(Collectors.joining(", "));
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            violations.add(
                    "currency",
                    Quoted.text(code) + " (expected: an ISO 4217 currency code; supported: " + supported + ")");
            return null;
        }
        if (!InvoiceLimits.SUPPORTED_CURRENCIES.contains(currency)) {
            violations.add("currency", Quoted.text(code) + " (expected: a supported currency: " + supported + ")");
            return null;
        }
        return currency;
    }

    private @Nullable Seller seller() {
        int before = violations.count();
        JsonNode node = fields.object(root, "", "seller", true);
        if (node == null) {
            return null;
        }
        known(node, "seller", SELLER_FIELDS);
        String name = fields.requiredText(node, "seller", "name", InvoiceLimits.MAX_NAME_LENGTH);
        List<String> address = fields.textLines(
                node, "seller", "address", InvoiceLimits.MAX_ADDRESS_LINES, InvoiceLimits.MAX_ADDRESS_LINE_LENGTH);
        String phone = fields.optionalText(node, "seller", "phone", InvoiceLimits.MAX_PHONE_LENGTH);
        Map<String, String> ids = fields.ids(node, "seller", "ids");
        if (violations.count() != before || name == null || address == null || ids == null) {
            return null;
        }
        return new Seller(name, address, phone, ids);
    }

    private @Nullable Customer customer() {
        JsonNode node = fields.object(root, "", "customer", false);
        if (node == null) {
            return null;
        }
        known(node, "customer", CUSTOMER_FIELDS);
        String name = fields.requiredText(node, "customer", "name", InvoiceLimits.MAX_NAME_LENGTH);
        Map<String, String> ids = fields.ids(node, "customer", "ids");
        return name == null || ids == null ? null : new Customer(name, ids);
    }

    private @Nullable List<InvoiceLine> lines() {
        int before = violations.count();
        List<JsonNode> nodes = fields.array(root, "", "lines", true, 1, InvoiceLimits.MAX_LINES);
        List<InvoiceLine> lines = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            InvoiceLine line = line(nodes.get(i), path("lines", i));
            if (line != null) {
                lines.add(line);
            }
        }
        return violations.count() == before ? lines : null;
    }

    private @Nullable InvoiceLine line(JsonNode node, String path) {
        if (!fields.isObject(node, path)) {
            return null;
        }
        known(node, path, LINE_FIELDS);
        String description = fields.requiredText(node, path, "description", InvoiceLimits.MAX_DESCRIPTION_LENGTH);
        BigDecimal quantity = fields.decimal(node, path, "quantity", DecimalField.QUANTITY, true);
        BigDecimal unitPrice = fields.decimal(node, path, "unitPrice", DecimalField.MONEY, true);
        BigDecimal taxRate = fields.decimal(node, path, "taxRate", DecimalField.TAX_RATE, true);
        BigDecimal amount = fields.decimal(node, path, "amount", DecimalField.MONEY, true);
        if (description == null || quantity == null || unitPrice == null || taxRate == null || amount == null) {
            return null;
        }
        return new InvoiceLine(description, quantity, unitPrice, taxRate, amount);
    }

    private @Nullable Totals totals() {
        int before = violations.count();
        JsonNode node = fields.object(root, "", "totals", true);
        if (node == null) {
            return null;
        }
        known(node, "totals", TOTALS_FIELDS);
        BigDecimal net = fields.decimal(node, "totals", "net", DecimalField.MONEY, true);
        List<JsonNode> taxNodes = fields.array(node, "totals", "taxes", true, 0, InvoiceLimits.MAX_TAX_RATES);
        List<TaxLine> taxes = new ArrayList<>(taxNodes.size());
        for (int i = 0; i < taxNodes.size(); i++) {
            TaxLine tax = tax(taxNodes.get(i), path("totals.taxes", i));
            if (tax != null) {
                taxes.add(tax);
            }
        }
        BigDecimal stamp = fields.decimal(node, "totals", "stamp", DecimalField.MONEY, true);
        BigDecimal total = fields.decimal(node, "totals", "total", DecimalField.MONEY, true);
        if (violations.count() != before || net == null || stamp == null || total == null) {
            return null;
        }
        return new Totals(net, taxes, stamp, total);
    }

    private @Nullable TaxLine tax(JsonNode node, String path) {
        if (!fields.isObject(node, path)) {
            return null;
        }
        known(node, path, TAX_FIELDS);
        BigDecimal rate = fields.decimal(node, path, "rate", DecimalField.TAX_RATE, true);
        BigDecimal base = fields.decimal(node, path, "base", DecimalField.MONEY, true);
        BigDecimal amount = fields.decimal(node, path, "amount", DecimalField.MONEY, true);
        return rate == null || base == null || amount == null ? null : new TaxLine(rate, base, amount);
    }

    private @Nullable List<Payment> payments() {
        int before = violations.count();
        List<JsonNode> nodes = fields.array(root, "", "payments", false, 0, InvoiceLimits.MAX_PAYMENTS);
        List<Payment> payments = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Payment payment = payment(nodes.get(i), path("payments", i));
            if (payment != null) {
                payments.add(payment);
            }
        }
        return violations.count() == before ? payments : null;
    }

    private @Nullable Payment payment(JsonNode node, String path) {
        if (!fields.isObject(node, path)) {
            return null;
        }
        known(node, path, PAYMENT_FIELDS);
        String code = fields.requiredText(node, path, "method", Integer.MAX_VALUE);
        PaymentMethod method = null;
        if (code != null) {
            method = PaymentMethod.ofCode(code).orElse(null);
            if (method == null) {
                violations.add(
                        path(path, "method"), Quoted.text(code) + " (expected: one of cash, card, transfer, cheque)");
            }
        }
        BigDecimal amount = fields.decimal(node, path, "amount", DecimalField.MONEY, true);
        return method == null || amount == null ? null : new Payment(method, amount);
    }
}
