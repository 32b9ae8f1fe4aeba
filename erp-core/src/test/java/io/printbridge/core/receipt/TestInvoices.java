package io.printbridge.core.receipt;

import io.printbridge.core.invoice.Customer;
import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.invoice.InvoiceLine;
import io.printbridge.core.invoice.InvoiceParser;
import io.printbridge.core.invoice.Language;
import io.printbridge.core.invoice.Payment;
import io.printbridge.core.invoice.PaymentMethod;
import io.printbridge.core.invoice.Seller;
import io.printbridge.core.invoice.TaxLine;
import io.printbridge.core.invoice.Totals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Invoices for tests: the example JSON documents of the repository, parsed, and made-up ones with totals that add up. */
public final class TestInvoices {

    private TestInvoices() {}

    /** The examples folder: {@code examples.invoices.dir}, else examples/invoices of the repository. */
    public static Path examplesDir() {
        String configured = System.getProperty("examples.invoices.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("../examples/invoices");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("examples/invoices"); // when run from the repository root
        }
        return dir.toAbsolutePath().normalize();
    }

    /** Every valid example (the top-level *.json files, not invalid/). */
    public static List<Path> sharedExamples() {
        try (Stream<Path> files = Files.list(examplesDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + examplesDir(), e);
        }
    }

    public static Invoice parse(Path json) {
        try {
            return new InvoiceParser().parse(Files.readAllBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
    }

    public static Invoice shared(String fileName) {
        return parse(examplesDir().resolve(fileName));
    }

    /** A cash sale of {@code count} lines in {@code language}, with a customer, QR and footer. */
    public static Invoice sale(Language language, int count) {
        boolean arabic = language == Language.AR;
        String[] names = arabic
                ? new String[] {"حلوى اللوز", "مقروط بالعسل", "قهوة بالحليب", "خبز الدار", "بقلاوة بالجوز"}
                : new String[] {
                    "Millefeuille", "Tarte aux fraises", "Café crème", "Éclair au café", "Pain de mie complet"
                };
        List<InvoiceLine> lines = new ArrayList<>();
        BigDecimal net = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            BigDecimal quantity = BigDecimal.valueOf(1 + i % 7);
            BigDecimal price = new BigDecimal(45 + (i * 37) % 900).setScale(2, RoundingMode.UNNECESSARY);
            BigDecimal amount = quantity.multiply(price).setScale(2, RoundingMode.HALF_UP);
            lines.add(new InvoiceLine(
                    names[i % names.length] + " " + (i + 1), quantity, price, new BigDecimal("19"), amount));
            net = net.add(amount);
        }
        BigDecimal tax = net.multiply(new BigDecimal("0.19")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal stamp = new BigDecimal("12.50");
        BigDecimal total = net.add(tax).add(stamp);
        BigDecimal paid = total.setScale(-3, RoundingMode.UP);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("RC", "16/00-1234567 B 21");
        ids.put("NIF", "002116123456789");
        Seller seller = new Seller(
                "Fée Maison", List.of("12 rue Didouche Mourad", "16000 Alger-Centre"), "+213 21 63 00 00", ids);
        Customer customer =
                new Customer(arabic ? "مؤسسة الحلويات" : "SARL Délices d'Hydra", Map.of("NIF", "000016987654321"));
        return new Invoice(
                "FA-2026-" + count,
                OffsetDateTime.parse("2026-11-24T10:42:00+01:00"),
                language,
                Currency.getInstance("DZD"),
                seller,
                customer,
                "Amina",
                lines,
                new Totals(net, List.of(new TaxLine(new BigDecimal("19"), net, tax)), stamp, total),
                List.of(new Payment(PaymentMethod.CASH, paid)),
                paid.subtract(total),
                "https://erp.feemaison.dz/f/FA-2026-" + count,
                List.of(arabic ? "شكرا على زيارتكم" : "Merci de votre visite !"));
    }
}
