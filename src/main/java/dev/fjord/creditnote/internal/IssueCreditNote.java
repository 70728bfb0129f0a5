package dev.fjord.creditnote.internal;

import dev.fjord.creditnote.CreditNote;
import dev.fjord.creditnote.CreditNoteEstimate;
import dev.fjord.creditnote.CreditNoteRequest;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.Invoices;
import dev.fjord.invoicing.UnusedPlanFee;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.WalletTransactions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues a credit note on a finalized invoice, or estimates one (Lago's {@code CreditNotes::CreateService},
 * {@code ValidateItemService}, {@code ValidateService} and {@code EstimateService}): lock the invoice → check each item
 * against what is left of its fee → amounts (coupons pro rata, taxes) → check the credit, refund and offset against the
 * invoice → write, offset the invoice, for a paid top-up void the refunded credits in the wallet, and record the
 * {@code credit_note.created} webhook.
 */
@Component
public class IssueCreditNote {
    private final Invoices invoices;
    private final Customers customers;
    private final WalletTransactions walletTransactions;
    private final CreditNoteRepository repository;
    private final CreditNoteWebhooks webhooks;
    private final Clock clock;

    IssueCreditNote(Invoices invoices, Customers customers, WalletTransactions walletTransactions,
            CreditNoteRepository repository, CreditNoteWebhooks webhooks, Clock clock) {
        this.invoices = invoices;
        this.customers = customers;
        this.walletTransactions = walletTransactions;
        this.repository = repository;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Transactional
    public UUID create(OrganizationId organization, CreditNoteRequest request) {
        Invoice invoice = invoices.lockVisible(organization, request.invoiceId());
        checkTypeAndStatus(invoice, request.offsetAmountCents());
        CreditNoteRepository.Issued issued = repository.issuedOn(organization, invoice.id());
        List<CreditNoteAmounts.ItemOnFee> items = items(organization, invoice, request.items());
        CreditNoteAmounts amounts = CreditNoteAmounts.of(items,
                takesAllLeft(organization, invoice, items) ? issued.taxesRoundingCents() : BigDecimal.ZERO);
        Map<String, List<String>> refused = amountErrors(invoice, issued, amounts, request);
        if (!refused.isEmpty()) {
            throw BillingError.validation(refused);
        }

        // Lago's AdjustAmountsWithRoundingService: the total is moved by a cent when sub-total + taxes disagree with it
        long credit = request.creditAmountCents();
        long refund = request.refundAmountCents();
        long total = request.totalAmountCents();
        if (total - amounts.taxesAmountCents() != amounts.subTotalExcludingTaxesAmountCents()) {
            total += total - amounts.taxesAmountCents() > amounts.subTotalExcludingTaxesAmountCents() ? -1 : 1;
            if (credit > 0) {
                credit = total - refund - request.offsetAmountCents();
            } else {
                refund = total - request.offsetAmountCents();
            }
        }
        Instant now = clock.instant();
        int sequence = repository.nextSequence(organization, invoice.id());
        UUID id = Ids.newId();
        List<CreditNote.Item> noteItems = items.stream().map(item -> new CreditNote.Item(Ids.newId(), item.fee().id(),
                item.amountCents(), BigDecimal.valueOf(item.amountCents()), invoice.currency(), now)).toList();
        repository.insert(organization, new CreditNote(id, invoice.customerId(), invoice.id(), invoice.number(),
                sequence, invoice.number() + "-CN" + String.format("%03d", sequence), issuingDate(organization, invoice, now),
                "finalized", "available", refund > 0 ? "pending" : null, request.reason(), request.description(),
                invoice.currency(), credit, refund, request.offsetAmountCents(), total, credit,
                amounts.taxesAmountCents(), amounts.preciseTaxesAmountCents(), amounts.couponsAdjustmentAmountCents(),
                amounts.preciseCouponsAdjustmentAmountCents(), amounts.subTotalExcludingTaxesAmountCents(),
                amounts.taxesRate(), null, null, now, now, noteItems));
        repository.replaceMetadata(organization, id, request.metadata());
        if (request.offsetAmountCents() > 0) {
            invoices.offset(organization, invoice.id(), request.offsetAmountCents());
        }
        if ("credit".equals(invoice.invoiceType()) && refund > 0) {
            walletTransactions.voidRefundedPurchase(organization, invoice.fees().get(0).walletTransactionId(), refund);
        }
        webhooks.record(organization, "credit_note.created", id);
        return id;
    }

    /**
     * Lago's {@code CreateFromTermination}: gives back the unused part of a plan fee paid in advance, less what credit
     * notes already gave back of that fee, as one item priced like any other (coupon share, taxes), with reason
     * {@code order_change}. {@code option} is the subscription's {@code on_termination_credit_note}: {@code credit}
     * (also when null) credits it all; {@code refund} refunds what was paid and credits the rest; {@code offset}
     * refunds what was paid, offsets what the invoice still owes and credits the rest. Issues nothing (and throws
     * nothing, in the terminating transaction) when nothing is left to give back or the invoice's rules refuse it.
     */
    @Transactional
    public Optional<UUID> createForUnusedPlanFee(OrganizationId organization, UnusedPlanFee unused, String option) {
        Invoice invoice = invoices.lockVisible(organization, unused.invoiceId());
        long credited = repository.creditedByFee(organization, invoice.id()).getOrDefault(unused.feeId(), 0L);
        long itemCents = unused.amountCents() - credited;
        if (!"finalized".equals(invoice.status()) || itemCents <= 0) {
            return Optional.empty();
        }
        List<CreditNoteRequest.ItemRequest> requested = List.of(new CreditNoteRequest.ItemRequest(unused.feeId(), itemCents));
        CreditNoteRepository.Issued issued = repository.issuedOn(organization, invoice.id());
        List<CreditNoteAmounts.ItemOnFee> items = items(organization, invoice, requested);
        CreditNoteAmounts amounts = CreditNoteAmounts.of(items,
                takesAllLeft(organization, invoice, items) ? issued.taxesRoundingCents() : BigDecimal.ZERO);
        // sub-total + taxes: the total Lago's rounding adjustment would settle on
        long total = amounts.subTotalExcludingTaxesAmountCents() + amounts.taxesAmountCents();
        long refund = "refund".equals(option) || "offset".equals(option)
                ? Math.min(total, Math.max(0, paid(invoice) - issued.refundAmountCents())) : 0;
        long offset = "offset".equals(option) ? Math.min(total - refund, invoice.totalDueAmountCents()) : 0;
        CreditNoteRequest request = new CreditNoteRequest(invoice.id(), "order_change", null, total - refund - offset,
                refund, offset, requested, null);
        if (!amountErrors(invoice, issued, amounts, request).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(create(organization, request));
    }

    /** Lago's estimate: the items checked and priced; the most that may be credited, refunded and offset. */
    @Transactional(readOnly = true)
    public CreditNoteEstimate estimate(OrganizationId organization, UUID invoiceId,
            List<CreditNoteRequest.ItemRequest> requested) {
        Invoice invoice = invoices.get(organization, invoiceId);
        checkTypeAndStatus(invoice, 0);
        CreditNoteRepository.Issued issued = repository.issuedOn(organization, invoice.id());
        List<CreditNoteAmounts.ItemOnFee> items = items(organization, invoice, requested);
        CreditNoteAmounts amounts = CreditNoteAmounts.of(items,
                takesAllLeft(organization, invoice, items) ? issued.taxesRoundingCents() : BigDecimal.ZERO);
        long total = amounts.totalAmountCents();
        long taxes = amounts.taxesAmountCents();
        // Lago's adjust_amounts_with_rounding for estimates
        if (total - taxes != amounts.subTotalExcludingTaxesAmountCents()) {
            if (total - taxes > amounts.subTotalExcludingTaxesAmountCents()) {
                total -= 1;
            } else if (taxes > 0) {
                taxes -= 1;
            }
        }
        boolean creditInvoice = "credit".equals(invoice.invoiceType());
        long refundable = Math.max(0, Math.min(total, paid(invoice) - issued.refundAmountCents()));
        long offsettable = creditInvoice ? 0 : Math.max(0, Math.min(total, invoice.totalDueAmountCents()));
        return new CreditNoteEstimate(invoice.id(), invoice.number(), invoice.currency(), taxes,
                amounts.preciseTaxesAmountCents(), amounts.subTotalExcludingTaxesAmountCents(),
                creditInvoice ? 0 : total, refundable, offsettable, amounts.couponsAdjustmentAmountCents(),
                amounts.preciseCouponsAdjustmentAmountCents(), amounts.taxesRate(), requested);
    }

    /**
     * Lago's {@code valid_type_or_status?}, for what Fjord builds: finalized invoices; a credit (top-up) invoice only
     * once paid, and only refunded (its offset, which Lago uses to cancel an unpaid top-up, is not built).
     */
    private static void checkTypeAndStatus(Invoice invoice, long offsetAmountCents) {
        boolean creditInvoice = "credit".equals(invoice.invoiceType());
        if (!"finalized".equals(invoice.status())
                || creditInvoice && (!"succeeded".equals(invoice.paymentStatus()) || offsetAmountCents > 0)) {
            throw BillingError.notAllowed("invalid_type_or_status");
        }
    }

    /**
     * Each item against its fee (Lago's {@code ValidateItemService}): a fee of this invoice ({@code 404 fee_not_found}),
     * an amount of at least 0, and no more than is left of the fee once earlier credit notes and the items before it
     * are counted; a top-up's fee also no more than its wallet still holds of the bought credits.
     */
    private List<CreditNoteAmounts.ItemOnFee> items(OrganizationId organization, Invoice invoice,
            List<CreditNoteRequest.ItemRequest> requested) {
        Map<UUID, Fee> fees = new HashMap<>();
        invoice.fees().forEach(fee -> fees.put(fee.id(), fee));
        Map<UUID, Long> credited = new HashMap<>(repository.creditedByFee(organization, invoice.id()));
        List<CreditNoteAmounts.ItemOnFee> items = new ArrayList<>();
        for (CreditNoteRequest.ItemRequest item : requested) {
            Fee fee = item.feeId() == null ? null : fees.get(item.feeId());
            if (fee == null) {
                throw BillingError.notFound("fee");
            }
            if (item.amountCents() < 0) {
                throw BillingError.validation("amount_cents", "invalid_value");
            }
            long left = fee.amountCents() - credited.getOrDefault(fee.id(), 0L);
            if ("credit".equals(fee.feeType())) {
                long inWallet = walletTransactions.refundableOfPurchase(organization, fee.walletTransactionId());
                if (item.amountCents() > Math.min(left, inWallet)) {
                    throw BillingError.validation("amount_cents",
                            item.amountCents() > inWallet ? "higher_than_wallet_balance" : "higher_than_remaining_fee_amount");
                }
            } else if (item.amountCents() > left) {
                throw BillingError.validation("amount_cents", "higher_than_remaining_fee_amount");
            }
            credited.merge(fee.id(), item.amountCents(), Long::sum);
            items.add(new CreditNoteAmounts.ItemOnFee(fee, item.amountCents()));
        }
        return items;
    }

    /** Whether these items take everything left of every fee of the invoice (Lago's {@code creditable_amount_cents == 0}). */
    private boolean takesAllLeft(OrganizationId organization, Invoice invoice, List<CreditNoteAmounts.ItemOnFee> items) {
        Map<UUID, Long> credited = new HashMap<>(repository.creditedByFee(organization, invoice.id()));
        items.forEach(item -> credited.merge(item.fee().id(), item.amountCents(), Long::sum));
        return !items.isEmpty()
                && invoice.fees().stream().allMatch(fee -> credited.getOrDefault(fee.id(), 0L) >= fee.amountCents());
    }

    /**
     * Lago's {@code ValidateService}, every failing rule (reported in one 422): items and amounts agree (a cent of
     * rounding allowed), a refund only of what was paid and not yet refunded, a credit only of what the invoice's fees
     * with their taxes still hold, an offset only of what is still owed, and something given back.
     */
    private static Map<String, List<String>> amountErrors(Invoice invoice, CreditNoteRepository.Issued issued,
            CreditNoteAmounts amounts, CreditNoteRequest request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        long total = request.totalAmountCents();
        long feeTotal = feeTotalAmountCents(invoice);
        long creditable = feeTotal - issued.creditAmountCents() - issued.offsetAmountCents();
        if (Math.abs(total - amounts.totalAmountCents()) > 1) {
            errors.put("base", new ArrayList<>(List.of("does_not_match_item_amounts")));
        }
        if (request.refundAmountCents() > 0) {
            long paid = paid(invoice);
            if (paid <= 0) {
                errors.put("refund_amount_cents", List.of("cannot_refund_unpaid_invoice"));
            } else if (request.refundAmountCents() > paid - issued.refundAmountCents()) {
                errors.put("refund_amount_cents", List.of("higher_than_remaining_invoice_amount"));
            }
        }
        if (request.creditAmountCents() > 0 && "credit".equals(invoice.invoiceType())) {
            errors.put("credit_amount_cents", List.of("cannot_credit_invoice"));
        } else if (request.creditAmountCents() - creditable > 1) {
            errors.put("credit_amount_cents", List.of("higher_than_remaining_invoice_amount"));
        }
        if (request.offsetAmountCents() > Math.min(invoice.totalDueAmountCents(), creditable)) {
            errors.put("offset_amount_cents", List.of("higher_than_remaining_invoice_amount"));
        }
        long remaining = feeTotal - issued.creditAmountCents() - issued.refundAmountCents() - issued.offsetAmountCents();
        if (total - remaining > 1) {
            errors.computeIfAbsent("base", k -> new ArrayList<>()).add("higher_than_remaining_invoice_amount");
        }
        if (total <= 0) {
            errors.computeIfAbsent("base", k -> new ArrayList<>()).add("total_amount_must_be_positive");
        }
        return errors;
    }

    /** Lago's {@code fee_total_amount_cents}: the fees plus their taxes at the fees' rates, rounded once. */
    private static long feeTotalAmountCents(Invoice invoice) {
        long amounts = invoice.fees().stream().mapToLong(Fee::amountCents).sum();
        BigDecimal taxes = invoice.fees().stream()
                .map(fee -> BigDecimal.valueOf(fee.amountCents()).multiply(fee.taxesRate()))
                .reduce(BigDecimal.ZERO, BigDecimal::add).movePointLeft(2);
        return amounts + dev.fjord.shared.Money.round(taxes);
    }

    /**
     * What the customer paid: Fjord records a payment as the invoice's status (Lago also counts partial payments in
     * {@code total_paid_amount_cents}); a paid invoice paid its total, less what credit notes offset.
     */
    private static long paid(Invoice invoice) {
        return "succeeded".equals(invoice.paymentStatus())
                ? Math.max(invoice.amounts().totalPaidAmountCents(),
                        invoice.amounts().totalAmountCents() - invoice.amounts().totalOffsettedCreditNoteAmountCents())
                : invoice.amounts().totalPaidAmountCents();
    }

    /** Lago's accounting date: today in the customer's timezone. */
    private LocalDate issuingDate(OrganizationId organization, Invoice invoice, Instant now) {
        String timezone = customers.byIds(organization, List.of(invoice.customerId())).stream().findFirst()
                .map(customer -> customer.applicableTimezone()).orElse(invoice.timezone());
        return LocalDate.ofInstant(now, ZoneId.of(timezone));
    }
}
