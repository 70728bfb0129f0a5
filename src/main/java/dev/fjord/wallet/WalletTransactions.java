package dev.fjord.wallet;

import dev.fjord.invoicing.CreditInvoiceRequest;
import dev.fjord.invoicing.InvoicePaymentStatusChanged;
import dev.fjord.invoicing.InvoiceVoided;
import dev.fjord.invoicing.Invoices;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Credits;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.internal.LedgerRepository;
import dev.fjord.wallet.internal.WalletLedger;
import dev.fjord.wallet.internal.WalletRepository;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Money in and out of wallets: top-ups, grants, voids, debits by invoices, settlement of paid top-ups, and re-credits
 * of what voided invoices consumed.
 */
@Service
public class WalletTransactions {
    private final WalletRepository wallets;
    private final LedgerRepository rows;
    private final WalletLedger ledger;
    private final Invoices invoices;
    private final Clock clock;

    WalletTransactions(WalletRepository wallets, LedgerRepository rows, WalletLedger ledger, Invoices invoices, Clock clock) {
        this.wallets = wallets;
        this.rows = rows;
        this.ledger = ledger;
        this.invoices = invoices;
        this.clock = clock;
    }

    /**
     * Buys, grants and voids credits in one transaction, answering the rows created in that order (Lago's). Paid
     * credits stay pending until their credit invoice is paid; granted credits are usable at once.
     */
    @Transactional
    public List<WalletTransaction> topUp(OrganizationId organization, TopUpRequest request) {
        return topUp(organization, request, "manual");
    }

    /**
     * A top-up made by a recurring rule ({@code source} {@code interval} or {@code threshold}), in the caller's
     * transaction: the same rules as {@link #topUp(OrganizationId, TopUpRequest)}, recorded under the rule's source.
     */
    @Transactional
    public List<WalletTransaction> topUpAutomatically(OrganizationId organization, TopUpRequest request, String source) {
        return topUp(organization, request, source);
    }

    private List<WalletTransaction> topUp(OrganizationId organization, TopUpRequest request, String source) {
        Instant now = clock.instant();
        Wallet wallet = wallets.lock(organization, request.walletId())
                .orElseThrow(() -> BillingError.validation("wallet_id", "wallet_not_found"));
        if (!wallet.isActive()) {
            throw BillingError.validation("wallet_id", "wallet_is_terminated");
        }
        Credits.CreditAmount paid = amount(request.paidCredits(), wallet, "paid_credits");
        Credits.CreditAmount granted = amount(request.grantedCredits(), wallet, "granted_credits");
        checkTopUpLimits(wallet, paid, request.ignorePaidTopUpLimits());
        boolean requiresPayment = request.invoiceRequiresSuccessfulPayment() != null
                ? request.invoiceRequiresSuccessfulPayment() : wallet.invoiceRequiresSuccessfulPayment();
        TopUpAttributes attributes = withPaymentRule(request.attributes(), requiresPayment);
        List<WalletTransaction> created = new ArrayList<>();
        if (paid != null) {
            created.add(purchase(organization, wallet, paid, attributes, source, now));
        }
        if (granted != null) {
            created.add(ledger.grant(organization, wallet, granted, attributes, source, now));
        }
        WalletTransaction voided = voidCredits(organization, request, attributes, now);
        if (voided != null) {
            created.add(voided);
        }
        return created;
    }

    /**
     * Takes an invoice's prepaid-credit share out of a wallet (the path invoices use): an outbound {@code invoiced}
     * row consuming inbound credits in Lago's order.
     */
    @Transactional
    public WalletTransaction debit(OrganizationId organization, UUID walletId, long amountCents, UUID invoiceId) {
        Wallet wallet = wallets.lock(organization, walletId).orElseThrow(() -> BillingError.notFound("wallet"));
        if (amountCents <= 0 || amountCents > wallet.balanceCents()) {
            throw BillingError.validation("amount_cents", "exceeds_available_amount");
        }
        return ledger.takeOut(organization, wallet, amountCents, null, "invoiced", null,
                TopUpAttributes.defaults(), "manual", invoiceId, clock.instant());
    }

    public List<WalletTransaction> list(OrganizationId organization, UUID walletId, Map<String, String> filters, int limit,
            long offset) {
        return rows.list(organization, walletId, filters, limit, offset);
    }

    public long count(OrganizationId organization, UUID walletId, Map<String, String> filters) {
        return rows.count(organization, walletId, filters);
    }

    /**
     * Traceability: for an inbound row, the outbound rows that consumed it; for an outbound row, the inbound rows
     * that funded it — each with the cents taken.
     */
    public List<Map.Entry<Long, WalletTransaction>> linked(OrganizationId organization, UUID id, boolean consumptions) {
        WalletTransaction transaction = get(organization, id);
        if (transaction.isInbound() != consumptions) {
            throw BillingError.validation("transaction_type", "invalid_transaction_type");
        }
        return rows.linked(organization, id, consumptions);
    }

    public WalletTransaction get(OrganizationId organization, UUID id) {
        return rows.find(organization, id).orElseThrow(() -> BillingError.notFound("wallet_transaction"));
    }

    /** A paid top-up's credit invoice was paid (credits settle) or its payment failed (the row fails). */
    @EventListener
    void on(InvoicePaymentStatusChanged changed) {
        if (!"credit".equals(changed.invoiceType())) {
            return;
        }
        rows.findByInvoice(changed.organization(), changed.invoiceId()).ifPresent(purchase -> {
            Wallet wallet = wallets.lock(changed.organization(), purchase.walletId()).orElseThrow();
            Instant now = clock.instant();
            if ("succeeded".equals(changed.paymentStatus())) {
                ledger.settle(changed.organization(), wallet, purchase, now);
            } else if ("failed".equals(changed.paymentStatus())) {
                ledger.fail(changed.organization(), purchase, now);
            }
        });
    }

    /**
     * An invoice was voided (spec §4.7, Lago's {@code WalletTransactions::RecreditService}): every outbound
     * {@code invoiced} row it took from a wallet that is still active is given back as a granted, settled inbound row
     * of the same credits and cents naming the voided invoice. Runs in the void's transaction; rows already given back
     * are skipped (and the schema refuses a second re-credit), terminated wallets are left as they are.
     */
    @EventListener
    void on(InvoiceVoided voided) {
        OrganizationId organization = voided.organization();
        // wallets are locked in id order, so two voids sharing wallets cannot deadlock
        Map<UUID, List<WalletTransaction>> byWallet = new java.util.TreeMap<>();
        for (WalletTransaction outbound : rows.invoicedBy(organization, voided.invoiceId())) {
            byWallet.computeIfAbsent(outbound.walletId(), id -> new ArrayList<>()).add(outbound);
        }
        Instant now = clock.instant();
        byWallet.forEach((walletId, consumptions) -> {
            Wallet wallet = wallets.lock(organization, walletId).orElseThrow();
            if (!wallet.isActive()) {
                return;
            }
            for (WalletTransaction outbound : consumptions) {
                if (!rows.recredited(organization, outbound.id())) {
                    ledger.recredit(organization, wallet, outbound, voided.invoiceId(), now);
                }
            }
        });
    }

    /**
     * What a refund of a paid top-up may still take back (Lago's {@code creditable_from_wallet_amount_cents}): what
     * remains of the bought credits, while their wallet is active; 0 otherwise (nothing bought is left to give back).
     */
    public long refundableOfPurchase(OrganizationId organization, UUID purchaseId) {
        WalletTransaction purchase = rows.find(organization, purchaseId).orElseThrow();
        boolean active = wallets.find(organization, purchase.walletId()).map(Wallet::isActive).orElse(false);
        return active && purchase.remainingAmountCents() != null ? purchase.remainingAmountCents() : 0;
    }

    /**
     * A refund of a paid top-up (spec §2.3 item 8, Lago's {@code void_prepaid_credit}): the refunded cents are voided
     * from what remains of that purchase, with the wallet locked, through the ledger's single write path; more than
     * remains is {@code 422 amount_cents: higher_than_wallet_balance}.
     */
    @Transactional
    public WalletTransaction voidRefundedPurchase(OrganizationId organization, UUID purchaseId, long amountCents) {
        WalletTransaction purchase = rows.find(organization, purchaseId).orElseThrow();
        Wallet wallet = wallets.lock(organization, purchase.walletId()).filter(Wallet::isActive)
                .orElseThrow(() -> BillingError.validation("amount_cents", "higher_than_wallet_balance"));
        WalletTransaction fresh = rows.find(organization, purchaseId).orElseThrow();
        if (fresh.remainingAmountCents() == null || amountCents > fresh.remainingAmountCents()
                || amountCents > wallet.balanceCents()) {
            throw BillingError.validation("amount_cents", "higher_than_wallet_balance");
        }
        return ledger.takeOut(organization, wallet, amountCents, null, "voided", purchaseId,
                new TopUpAttributes("Refunded credits", fresh.priority(), null, List.of(), false, null), "manual",
                null, clock.instant());
    }

    /** Per-grant expiry: voids what is left of one grant whose own expiration has come (idempotent). */
    @Transactional
    public void expireGrant(OrganizationId organization, UUID grantId) {
        WalletTransaction grant = get(organization, grantId);
        Wallet wallet = wallets.lock(organization, grant.walletId()).orElseThrow();
        WalletTransaction fresh = get(organization, grantId);
        if (fresh.remainingAmountCents() == null || fresh.remainingAmountCents() == 0) {
            return;
        }
        long cents = fresh.remainingAmountCents();
        ledger.takeOut(organization, wallet, cents, Credits.fromCents(cents, wallet.rateAmount(), wallet.currency()),
                "voided", grantId, new TopUpAttributes("Expired credits", fresh.priority(), null, List.of(), false, null),
                "expiry", null, clock.instant());
    }

    private WalletTransaction purchase(OrganizationId organization, Wallet wallet, Credits.CreditAmount paid,
            TopUpAttributes attributes, String source, Instant now) {
        UUID invoiceId = Ids.newId();
        WalletTransaction row = ledger.purchase(organization, wallet, paid, attributes, source, invoiceId, now);
        String label = attributes.name() != null ? attributes.name()
                : wallet.name() != null ? "Prepaid credits - " + wallet.name() : "Prepaid credits";
        invoices.createCreditInvoice(new CreditInvoiceRequest(organization, invoiceId, wallet.customerId(), row.id(),
                wallet.currency(), paid.credits(), wallet.rateAmount().movePointRight(dev.fjord.shared.Money.exponent(wallet.currency())),
                paid.amountCents(), label, attributes.invoiceRequiresSuccessfulPayment()));
        return row;
    }

    private WalletTransaction voidCredits(OrganizationId organization, TopUpRequest request, TopUpAttributes attributes,
            Instant now) {
        boolean hasCredits = request.voidedCredits() != null && request.voidedCredits().signum() > 0;
        if (!hasCredits && request.voidedTransactionId() == null) {
            return null;
        }
        Wallet wallet = wallets.lock(organization, request.walletId()).orElseThrow();
        UUID from = request.voidedTransactionId();
        Credits.CreditAmount amount;
        if (from != null) {
            WalletTransaction grant = rows.find(organization, from)
                    .filter(t -> t.walletId().equals(wallet.id()) && t.isInbound())
                    .orElseThrow(() -> BillingError.validation("voided_transaction_id", "wallet_transaction_not_found"));
            if (grant.remainingAmountCents() == null || grant.remainingAmountCents() == 0) {
                throw BillingError.validation("voided_transaction_id", "no_remaining_amount");
            }
            amount = hasCredits ? Credits.voided(request.voidedCredits(), wallet.rateAmount(), wallet.currency())
                    : new Credits.CreditAmount(Credits.fromCents(grant.remainingAmountCents(), wallet.rateAmount(),
                            wallet.currency()), grant.remainingAmountCents());
        } else {
            amount = Credits.voided(request.voidedCredits(), wallet.rateAmount(), wallet.currency());
        }
        if (amount.credits().compareTo(wallet.creditsBalance()) > 0 || amount.amountCents() > wallet.balanceCents()) {
            throw BillingError.validation("voided_credits", "insufficient_credits");
        }
        return ledger.takeOut(organization, wallet, amount.amountCents(), amount.credits(), "voided", from,
                attributes, "manual", null, now);
    }

    /** A sent amount of credits, converted; zero or absent creates nothing; one that rounds to 0 cents is refused. */
    private static Credits.CreditAmount amount(BigDecimal credits, Wallet wallet, String field) {
        if (credits == null || credits.signum() == 0) {
            return null;
        }
        Credits.CreditAmount amount = Credits.topUp(credits, wallet.rateAmount(), wallet.currency());
        if (amount.amountCents() == 0) {
            throw BillingError.validation(field, "amount_rounds_to_zero");
        }
        return amount;
    }

    static void checkTopUpLimits(Wallet wallet, Credits.CreditAmount paid, boolean ignore) {
        if (paid == null || ignore) {
            return;
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (wallet.paidTopUpMinAmountCents() != null && paid.amountCents() < wallet.paidTopUpMinAmountCents()) {
            errors.put("paid_credits", List.of("amount_below_minimum"));
        }
        if (wallet.paidTopUpMaxAmountCents() != null && paid.amountCents() > wallet.paidTopUpMaxAmountCents()) {
            errors.put("paid_credits", List.of("amount_above_maximum"));
        }
        if (!errors.isEmpty()) {
            throw BillingError.validation(errors);
        }
    }

    private static TopUpAttributes withPaymentRule(TopUpAttributes attributes, boolean requiresPayment) {
        return new TopUpAttributes(attributes.name(), attributes.priority(), attributes.purchaseOrderNumber(),
                attributes.metadata(), requiresPayment, attributes.expirationAt());
    }
}
