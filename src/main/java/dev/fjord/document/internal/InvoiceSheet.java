package dev.fjord.document.internal;

import dev.fjord.catalog.AddOn;
import dev.fjord.coupon.CouponCredit;
import dev.fjord.customer.Customer;
import dev.fjord.invoicing.AppliedTaxes;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.Invoice;
import dev.fjord.organization.Organization;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What an invoice PDF prints, every value already formatted (the template only lays it out): the issuer and the
 * customer, the invoice's number and dates, one line per fee, then Lago's deductions in their order (coupons, sub
 * total, taxes, sub total with taxes, credit notes, prepaid credits) and the total.
 */
record InvoiceSheet(
        String title,
        String number,
        String issuingDate,
        String paymentDueDate,
        String purchaseOrderNumber,
        String totalAmount,
        Party issuer,
        Party customer,
        List<Line> lines,
        List<Summary> summary,
        String footer) {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    /** A fee: its name (and description), the period it bills, units, unit price, tax rate and amount before tax. */
    record Line(String name, String detail, String period, String units, String unitPrice, String taxRate,
            String amount) {}

    /** A row of the totals block; {@code strong} rows are sub totals and the total. */
    record Summary(String label, String amount, boolean strong) {}

    static InvoiceSheet of(Invoice invoice, Organization issuer, Customer customer, AppliedTaxes taxes,
            List<CouponCredit> coupons, Map<UUID, AddOn> addOns) {
        String currency = invoice.currency();
        ZoneId zone = ZoneId.of(invoice.timezone());
        List<Line> lines = invoice.fees().stream()
                .map(fee -> line(fee, fee.addOnId() == null ? null : addOns.get(fee.addOnId()), zone)).toList();
        return new InvoiceSheet(
                "credit".equals(invoice.invoiceType()) ? "Credit purchase invoice" : "Invoice",
                invoice.number(),
                DATE.format(invoice.issuingDate()),
                DATE.format(invoice.paymentDueDate()),
                invoice.purchaseOrderNumber(),
                MoneyText.amount(invoice.amounts().totalAmountCents(), currency),
                Party.of(issuer),
                Party.of(customer),
                lines,
                summary(invoice.amounts(), currency, taxes.invoice(), coupons,
                        lines.stream().map(Line::taxRate).distinct().toList()),
                issuer.invoiceFooter());
    }

    /** A fee's name as printed: its display name, else its add-on's, else its type. */
    static String feeName(Fee fee, AddOn addOn) {
        if (fee.invoiceDisplayName() != null) {
            return fee.invoiceDisplayName();
        }
        if ("add_on".equals(fee.feeType()) && addOn != null) {
            return addOn.invoiceDisplayName() != null ? addOn.invoiceDisplayName() : addOn.name();
        }
        return fee.feeType();
    }

    private static Line line(Fee fee, AddOn addOn, ZoneId zone) {
        String currency = fee.amountCurrency();
        String detail = fee.description();
        if ("add_on".equals(fee.feeType()) && addOn != null && detail == null) {
            detail = addOn.description();
        }
        if (fee.groupedBy() != null && !fee.groupedBy().isEmpty()) {
            String groups = fee.groupedBy().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", "));
            detail = detail == null ? groups : detail + " (" + groups + ")";
        }
        BigDecimal unitPrice = fee.preciseUnitAmount();
        return new Line(feeName(fee, addOn), detail, period(fee.fromDatetime(), fee.toDatetime(), zone),
                MoneyText.number(fee.units()),
                unitPrice != null && unitPrice.signum() > 0 ? MoneyText.price(unitPrice, currency) : "",
                MoneyText.number(fee.taxesRate()) + "%",
                MoneyText.amount(fee.amountCents(), currency));
    }

    /** The billed days in the invoice's timezone; a period's end is exclusive, so its last day is the one before. */
    private static String period(Instant from, Instant to, ZoneId zone) {
        if (from == null || to == null) {
            return null;
        }
        LocalDate first = LocalDate.ofInstant(from, zone);
        LocalDate last = LocalDate.ofInstant(to.minusSeconds(1), zone);
        return DATE.format(first) + " – " + DATE.format(last.isBefore(first) ? first : last);
    }

    /**
     * One row per applied tax. {@code feeTaxRates}: the distinct tax rates of the fees, which name the single tax row
     * of an invoice that has no applied-tax records (one without taxes, or a subscription invoice issued before Fjord
     * recorded them).
     */
    private static List<Summary> summary(Invoice.Amounts a, String currency, List<AppliedTaxes.OnInvoice> taxes,
            List<CouponCredit> coupons, List<String> feeTaxRates) {
        List<Summary> rows = new ArrayList<>();
        rows.add(new Summary("Fees", MoneyText.amount(a.feesAmountCents(), currency), false));
        for (CouponCredit coupon : coupons) {
            rows.add(new Summary("Coupon: " + coupon.couponName(), MoneyText.deduction(coupon.amountCents(), currency),
                    false));
        }
        if (a.progressiveBillingCreditAmountCents() > 0) {
            rows.add(new Summary("Usage already billed",
                    MoneyText.deduction(a.progressiveBillingCreditAmountCents(), currency), false));
        }
        rows.add(new Summary("Sub total (excl. tax)", MoneyText.amount(a.subTotalExcludingTaxesAmountCents(), currency),
                true));
        for (AppliedTaxes.OnInvoice tax : taxes) {
            rows.add(new Summary(tax.taxName() + " (" + MoneyText.number(tax.taxRate()) + "% on "
                    + MoneyText.amount(tax.feesAmountCents(), currency) + ")",
                    MoneyText.amount(tax.amountCents(), currency), false));
        }
        if (taxes.isEmpty()) {
            rows.add(new Summary(feeTaxRates.size() == 1 ? "Tax (" + feeTaxRates.get(0) + ")" : "Taxes",
                    MoneyText.amount(a.taxesAmountCents(), currency), false));
        }
        rows.add(new Summary("Sub total (incl. tax)", MoneyText.amount(a.subTotalIncludingTaxesAmountCents(), currency),
                true));
        if (a.creditNotesAmountCents() > 0) {
            rows.add(new Summary("Credit notes", MoneyText.deduction(a.creditNotesAmountCents(), currency), false));
        }
        if (a.prepaidCreditAmountCents() > 0) {
            rows.add(new Summary("Prepaid credits", MoneyText.deduction(a.prepaidCreditAmountCents(), currency), false));
        }
        rows.add(new Summary("Total", MoneyText.amount(a.totalAmountCents(), currency), true));
        return rows;
    }
}
