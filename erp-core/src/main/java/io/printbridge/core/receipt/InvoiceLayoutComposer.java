package io.printbridge.core.receipt;

import static java.util.Objects.requireNonNull;

import io.printbridge.core.invoice.Customer;
import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.invoice.InvoiceLine;
import io.printbridge.core.invoice.Payment;
import io.printbridge.core.invoice.Seller;
import io.printbridge.core.invoice.TaxLine;
import io.printbridge.core.layout.Alignment;
import io.printbridge.core.layout.Cell;
import io.printbridge.core.layout.Direction;
import io.printbridge.core.layout.Layout;
import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.layout.QrErrorCorrection;
import io.printbridge.core.layout.TextStyle;
import io.printbridge.core.text.LineWrapper;
import io.printbridge.core.words.AmountInWords;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Lays out an invoice as a receipt in the invoice's language: header (seller, legal ids),
 * invoice data and customer, the lines, totals with taxes per rate and stamp duty, payments and
 * change, the total in words, the QR code and the footer. Arabic invoices are mirrored: labels
 * start at the right edge and the amount column is on the left.
 *
 * <p>Lines print as description and amount, with "quantity × unit price" in a middle column
 * when the paper leaves the description at least {@value #MIN_DESCRIPTION_COLUMNS} columns, else
 * on a line of its own below (58 mm).
 */
public final class InvoiceLayoutComposer {

    /** Narrower than this, descriptions wrap too often: quantity × price moves below them. */
    static final int MIN_DESCRIPTION_COLUMNS = 16;
    /** Spaces between description, quantity × price and amount when they share a line. */
    private static final int MIDDLE_COLUMN_GAP = 2;
    /** Preferred QR module size in dots; the typesetter shrinks it if the symbol would not fit. */
    private static final int QR_MODULE_DOTS = 6;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    /** The receipt for {@code invoice} on {@code paper}, with {@code logo} above the header if given. */
    public Layout compose(Invoice invoice, PaperProfile paper, @Nullable BufferedImage logo) {
        requireNonNull(invoice, "invoice");
        requireNonNull(paper, "paper");
        return new Composition(invoice, paper).compose(logo);
    }

    /** The state of composing one receipt. */
    private static final class Composition {
        private final Invoice invoice;
        private final PaperProfile paper;
        private final ReceiptLabels labels;
        private final Direction direction;
        private final Layout.Builder layout;
        private final String currency;

        Composition(Invoice invoice, PaperProfile paper) {
            this.invoice = invoice;
            this.paper = paper;
            this.labels = ReceiptLabels.of(invoice.language());
            this.direction = invoice.language().isRightToLeft() ? Direction.RTL : Direction.LTR;
            this.layout = Layout.builder(paper);
            this.currency = labels.currencySymbol(invoice.currency());
        }

        Layout compose(@Nullable BufferedImage logo) {
            if (logo != null) {
                layout.image(logo, paper.dotWidth(), Alignment.CENTER);
            }
            header(invoice.seller());
            layout.rule('-');
            invoiceData();
            layout.rule('-');
            lines();
            layout.rule('-');
            totals();
            wordsAndFooter();
            return layout.build();
        }

        private void header(Seller seller) {
            boolean nameFitsDouble = LineWrapper.width(seller.name()) <= TextStyle.DOUBLE.columnsOn(paper);
            layout.text(
                    seller.name(),
                    Alignment.CENTER,
                    nameFitsDouble ? TextStyle.DOUBLE : TextStyle.TALL,
                    Direction.AUTO);
            for (String line : seller.address()) {
                layout.text(line, Alignment.CENTER, TextStyle.NORMAL, Direction.AUTO);
            }
            String phone = seller.phone();
            if (phone != null) {
                layout.text(
                        labelled(labels.phone(), leftToRight(phone)), Alignment.CENTER, TextStyle.NORMAL, direction);
            }
            ids(seller.ids(), Alignment.CENTER);
        }

        private void invoiceData() {
            Alignment start = direction.start();
            layout.text(labels.invoiceNumber() + " " + leftToRight(invoice.number()), start, TextStyle.BOLD, direction);
            layout.text(
                    labelled(labels.date(), leftToRight(DATE_TIME.format(invoice.issuedAt()))),
                    start,
                    TextStyle.NORMAL,
                    direction);
            String cashier = invoice.cashier();
            if (cashier != null) {
                layout.text(labelled(labels.cashier(), cashier), start, TextStyle.NORMAL, direction);
            }
            Customer customer = invoice.customer();
            if (customer != null) {
                layout.text(labelled(labels.customer(), customer.name()), start, TextStyle.NORMAL, direction);
                ids(customer.ids(), start);
            }
        }

        private void ids(Map<String, String> ids, Alignment alignment) {
            ids.forEach((label, value) ->
                    layout.text(labelled(label, leftToRight(value)), alignment, TextStyle.NORMAL, direction));
        }

        private void lines() {
            List<InvoiceLine> lines = invoice.lines();
            List<String> amounts = new ArrayList<>(lines.size());
            List<String> quantities = new ArrayList<>(lines.size());
            int amountWidth = LineWrapper.width(labels.amount());
            int quantityWidth = LineWrapper.width(labels.quantityTimesPrice());
            for (InvoiceLine line : lines) {
                String amount = AmountFormat.money(line.amount());
                String quantity = AmountFormat.quantity(line.quantity()) + " × " + AmountFormat.money(line.unitPrice());
                amounts.add(amount);
                quantities.add(quantity);
                amountWidth = Math.max(amountWidth, LineWrapper.width(amount));
                quantityWidth = Math.max(quantityWidth, LineWrapper.width(quantity));
            }
            // Three columns stand two spaces apart: "12 × 120,00 1 440,00" reads as one number.
            int descriptionWidth = paper.columns() - amountWidth - quantityWidth - 2 * MIDDLE_COLUMN_GAP;
            boolean middleColumn = descriptionWidth >= MIN_DESCRIPTION_COLUMNS;
            Alignment start = direction.start();
            if (middleColumn) {
                layout.row(
                        direction,
                        TextStyle.BOLD,
                        MIDDLE_COLUMN_GAP,
                        Cell.fill(labels.description(), start),
                        Cell.fixed(labels.quantityTimesPrice(), quantityWidth, Alignment.RIGHT),
                        Cell.fixed(labels.amount(), amountWidth, Alignment.RIGHT));
            } else {
                layout.row(
                        direction,
                        TextStyle.BOLD,
                        Cell.fill(labels.description(), start),
                        Cell.fixed(labels.amount(), amountWidth, Alignment.RIGHT));
            }
            layout.rule('-');
            for (int i = 0; i < lines.size(); i++) {
                String description = lines.get(i).description();
                if (middleColumn) {
                    layout.row(
                            direction,
                            TextStyle.NORMAL,
                            MIDDLE_COLUMN_GAP,
                            Cell.fill(description, start),
                            Cell.fixed(quantities.get(i), quantityWidth, Alignment.RIGHT),
                            Cell.fixed(amounts.get(i), amountWidth, Alignment.RIGHT));
                } else {
                    layout.row(
                            direction,
                            TextStyle.NORMAL,
                            Cell.fill(description, start),
                            Cell.fixed(amounts.get(i), amountWidth, Alignment.RIGHT));
                    // Indented one column under the description it belongs to.
                    layout.row(
                            direction, TextStyle.NORMAL, Cell.fixed("", 1, start), Cell.fill(quantities.get(i), start));
                }
            }
        }

        /** Net, taxes and stamp; the total between two double rules; payments and change. */
        private void totals() {
            List<TotalRow> subtotals = new ArrayList<>();
            subtotals.add(new TotalRow(
                    labels.net(), AmountFormat.money(invoice.totals().net()), TextStyle.NORMAL));
            for (TaxLine tax : invoice.totals().taxes()) {
                // "sur 3 460,00" is kept whole: if the label wraps, the base moves down as one piece.
                String label = labels.tax() + " " + AmountFormat.quantity(tax.rate()) + AmountFormat.GROUP_SEPARATOR
                        + "% " + labels.taxBase() + AmountFormat.GROUP_SEPARATOR + AmountFormat.money(tax.base());
                subtotals.add(new TotalRow(label, AmountFormat.money(tax.amount()), TextStyle.NORMAL));
            }
            BigDecimal stamp = invoice.totals().stamp();
            if (stamp.signum() != 0) {
                subtotals.add(new TotalRow(labels.stamp(), AmountFormat.money(stamp), TextStyle.NORMAL));
            }
            TotalRow total =
                    new TotalRow(labels.total(), withCurrency(invoice.totals().total()), TextStyle.TALL);
            List<TotalRow> settlement = new ArrayList<>();
            for (Payment payment : invoice.payments()) {
                settlement.add(new TotalRow(
                        labels.payment(payment.method()), withCurrency(payment.amount()), TextStyle.NORMAL));
            }
            BigDecimal change = invoice.change();
            if (change != null) {
                settlement.add(new TotalRow(labels.change(), withCurrency(change), TextStyle.BOLD));
            }
            // One amount column for the whole block, so the amounts right-align under each other.
            int amountWidth = LineWrapper.width(total.amount());
            for (TotalRow row : subtotals) {
                amountWidth = Math.max(amountWidth, LineWrapper.width(row.amount()));
            }
            for (TotalRow row : settlement) {
                amountWidth = Math.max(amountWidth, LineWrapper.width(row.amount()));
            }
            for (TotalRow row : subtotals) {
                totalRow(row, amountWidth);
            }
            layout.rule('=');
            totalRow(total, amountWidth);
            layout.rule('=');
            for (TotalRow row : settlement) {
                totalRow(row, amountWidth);
            }
        }

        private void totalRow(TotalRow row, int amountWidth) {
            layout.row(
                    direction,
                    row.style(),
                    Cell.fill(row.label(), direction.start()),
                    Cell.fixed(row.amount(), amountWidth, Alignment.RIGHT));
        }

        private void wordsAndFooter() {
            String words = AmountInWords.of(invoice.language(), invoice.currency())
                    .sentence(invoice.totals().total());
            layout.rule('-');
            layout.text(words, direction.start(), TextStyle.NORMAL, direction);
            String qr = invoice.qr();
            if (qr != null) {
                layout.feed(1);
                layout.qr(qr, QR_MODULE_DOTS, QrErrorCorrection.M);
            }
            if (!invoice.footer().isEmpty()) {
                layout.feed(1);
                for (String line : invoice.footer()) {
                    layout.text(line, Alignment.CENTER, TextStyle.NORMAL, Direction.AUTO);
                }
            }
        }

        private String withCurrency(BigDecimal amount) {
            return AmountFormat.money(amount) + " " + currency;
        }

        /**
         * In an Arabic receipt, {@code value} between LRI and PDI, so that "+213 21 63 00 00" or
         * "16/00-1234567 B 21" keeps its own order instead of having its groups reversed by the
         * right-to-left line around it. French lines need no isolate.
         */
        private String leftToRight(String value) {
            return direction == Direction.RTL ? "\u2066" + value + "\u2069" : value;
        }

        private static String labelled(String label, String value) {
            return label + " : " + value;
        }
    }

    private record TotalRow(String label, String amount, TextStyle style) {}
}
