package dev.fjord.wallet;

import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Credits;
import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * "May this customer spend N now?" answered from the real-time ongoing balance, so a merchant can stop usage before
 * it becomes an unpaid bill (Lago only sends a webhook once a wallet is depleted).
 */
@Service
public class SpendAuthorization {
    private final Customers customers;
    private final Wallets wallets;
    private final OngoingBalances ongoing;

    SpendAuthorization(Customers customers, Wallets wallets, OngoingBalances ongoing) {
        this.customers = customers;
        this.wallets = wallets;
        this.ongoing = ongoing;
    }

    /**
     * @param availableCents what the considered wallets still hold after unbilled usage (never below 0)
     * @param requestedCents the request in minor units (credits converted at the wallet's rate)
     */
    public record Decision(boolean allowed, String currency, long requestedCents, long availableCents,
            BigDecimal requestedCredits, BigDecimal availableCredits, List<Wallet> wallets) {}

    /** Cents of a currency, across the customer's active wallets in it. */
    public Decision forCents(OrganizationId organization, String externalCustomerId, long cents, String currency) {
        Customer customer = customers.getRow(organization, externalCustomerId);
        String in = currency != null ? currency : customer.currency();
        List<Wallet> active = wallets.activeOf(organization, customer.id());
        Map<UUID, OngoingBalance> balances = ongoing.of(organization, externalCustomerId, active);
        List<Wallet> considered = active.stream().filter(w -> w.currency().equals(in)).toList();
        long available = considered.stream().mapToLong(w -> Math.max(0, balances.get(w.id()).ongoingBalanceCents())).sum();
        return new Decision(cents <= available, in, cents, available, null, null, considered);
    }

    /** Credits of one wallet (by code), converted with Lago's rounding. */
    public Decision forCredits(OrganizationId organization, String externalCustomerId, BigDecimal credits, String walletCode) {
        Customer customer = customers.getRow(organization, externalCustomerId);
        List<Wallet> active = wallets.activeOf(organization, customer.id());
        Wallet wallet = walletCode == null ? active.stream().findFirst().orElseThrow(() -> BillingError.notFound("wallet"))
                : active.stream().filter(w -> w.code().equals(walletCode)).findFirst()
                        .orElseThrow(() -> BillingError.notFound("wallet"));
        OngoingBalance balance = ongoing.of(organization, externalCustomerId, active).get(wallet.id());
        long requested = Credits.voided(credits, wallet.rateAmount(), wallet.currency()).amountCents();
        long available = Math.max(0, balance.ongoingBalanceCents());
        return new Decision(requested <= available, wallet.currency(), requested, available, Credits.floor(credits),
                Credits.fromCents(available, wallet.rateAmount(), wallet.currency()), List.of(wallet));
    }
}
