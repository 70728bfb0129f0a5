package dev.fjord.document.internal;

import dev.fjord.catalog.AddOn;
import dev.fjord.creditnote.CreditNote;
import dev.fjord.customer.Customer;
import dev.fjord.invoicing.Fee;
import dev.fjord.organization.Organization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What a credit note PDF prints, formatted: the issuer and the customer, the note's number and date, the invoice it
 * refers to and why, one line per credited fee, the amounts (items, coupons adjustment, sub total, taxes, total) and
 * where the money goes (credited to the customer's balance, refunded, offset against the invoice).
 */
record CreditNoteSheet(
        String number,
        String issuingDate,
        String invoiceNumber,
        String reason,
        String description,
        String totalAmount,
        boolean voided,
        Party issuer,
        Party customer,
        List<InvoiceSheet.Line> lines,
        List<InvoiceSheet.Summary> summary,
        List<InvoiceSheet.Summary> allocation,
        String footer) {

    static CreditNoteSheet of(CreditNote note, Organization issuer, Customer customer, Map<UUID, Fee> fees,
            Map<UUID, AddOn> addOns) {
        String currency = note.currency();
        List<InvoiceSheet.Line> lines = note.items().stream().map(item -> {
            Fee fee = fees.get(item.feeId());
            String name = fee == null ? "" : InvoiceSheet.feeName(fee,
                    fee.addOnId() == null ? null : addOns.get(fee.addOnId()));
            return new InvoiceSheet.Line(name, null, null, "", "", "", MoneyText.amount(item.amountCents(), currency));
        }).toList();
        long itemsCents = note.items().stream().mapToLong(CreditNote.Item::amountCents).sum();
        List<InvoiceSheet.Summary> summary = new ArrayList<>();
        summary.add(new InvoiceSheet.Summary("Credited items", MoneyText.amount(itemsCents, currency), false));
        if (note.couponsAdjustmentAmountCents() > 0) {
            summary.add(new InvoiceSheet.Summary("Coupons adjustment",
                    MoneyText.deduction(note.couponsAdjustmentAmountCents(), currency), false));
        }
        summary.add(new InvoiceSheet.Summary("Sub total (excl. tax)",
                MoneyText.amount(note.subTotalExcludingTaxesAmountCents(), currency), true));
        summary.add(new InvoiceSheet.Summary("Tax (" + MoneyText.number(note.taxesRate()) + "%)",
                MoneyText.amount(note.taxesAmountCents(), currency), false));
        summary.add(new InvoiceSheet.Summary("Total", MoneyText.amount(note.totalAmountCents(), currency), true));
        List<InvoiceSheet.Summary> allocation = new ArrayList<>();
        if (note.creditAmountCents() > 0) {
            allocation.add(new InvoiceSheet.Summary("Credited to the customer's balance",
                    MoneyText.amount(note.creditAmountCents(), currency), false));
        }
        if (note.refundAmountCents() > 0) {
            allocation.add(new InvoiceSheet.Summary("Refunded", MoneyText.amount(note.refundAmountCents(), currency),
                    false));
        }
        if (note.offsetAmountCents() > 0) {
            allocation.add(new InvoiceSheet.Summary("Offset against invoice " + note.invoiceNumber(),
                    MoneyText.amount(note.offsetAmountCents(), currency), false));
        }
        return new CreditNoteSheet(note.number(), InvoiceSheet.DATE.format(note.issuingDate()), note.invoiceNumber(),
                reason(note.reason()), note.description(), MoneyText.amount(note.totalAmountCents(), currency),
                "voided".equals(note.creditStatus()), Party.of(issuer), Party.of(customer), lines, summary, allocation,
                issuer.invoiceFooter());
    }

    /** {@code order_cancellation → Order cancellation}. */
    private static String reason(String code) {
        String words = code.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ENGLISH) + words.substring(1);
    }
}
