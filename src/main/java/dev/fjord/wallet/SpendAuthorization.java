package dev.fjord.wallet;

import dev.fjord.customer.BalanceVersions;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Credits;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.VersionedCache;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * "May this customer spend N now?" answered from the real-time ongoing balance, so a merchant can stop usage before
 * it becomes an unpaid bill (Lago only sends a webhook once a wallet is depleted). A request costs one primary-key
 * lookup (the customer and its {@link BalanceVersions balance version}); the customer's active wallets and ongoing
 * balances are recomputed only when an event, a wallet or the ledger changed them since, on any instance, or when the
 * pricing context or a charge period expires.
 */
@Service
public class SpendAuthorization {
    /** Customers whose ongoing state is remembered at most (a few KiB each); beyond it the memory is cleared. */
    private static final int MAX_REMEMBERED_CUSTOMERS = 100_000;

    private final BalanceVersions balanceVersions;
    private final Wallets wallets;
    private final OngoingBalances ongoing;
    private final Clock clock;
    private final VersionedCache<CustomerKey, OngoingState> states = new VersionedCache<>(MAX_REMEMBERED_CUSTOMERS);

    SpendAuthorization(BalanceVersions balanceVersions, Wallets wallets, OngoingBalances ongoing, Clock clock) {
        this.balanceVersions = balanceVersions;
        this.wallets = wallets;
        this.ongoing = ongoing;
        this.clock = clock;
    }

    /**
     * @param availableCents what the considered wallets still hold after unbilled usage (never below 0)
     * @param requestedCents the request in minor units (credits converted at the wallet's rate)
     */
    public record Decision(boolean allowed, String currency, long requestedCents, long availableCents,
            BigDecimal requestedCredits, BigDecimal availableCredits, List<Wallet> wallets) {}

    private record CustomerKey(OrganizationId organization, UUID customerId) {}

    /** A customer's active wallets (application order) and their ongoing balances. */
    private record OngoingState(List<Wallet> wallets, Map<UUID, OngoingBalance> balances) {}

    /** Cents of a currency, across the customer's active wallets in it. */
    public Decision forCents(OrganizationId organization, String externalCustomerId, long cents, String currency) {
        BalanceVersions.Current customer = balanceVersions.of(organization, externalCustomerId);
        String in = currency != null ? currency : customer.currency();
        OngoingState state = state(organization, externalCustomerId, customer);
        List<Wallet> considered = state.wallets().stream().filter(w -> w.currency().equals(in)).toList();
        long available = considered.stream().mapToLong(w -> Math.max(0, state.balances().get(w.id()).ongoingBalanceCents())).sum();
        return new Decision(cents <= available, in, cents, available, null, null, considered);
    }

    /** Credits of one wallet (by code), converted with Lago's rounding. */
    public Decision forCredits(OrganizationId organization, String externalCustomerId, BigDecimal credits, String walletCode) {
        OngoingState state = state(organization, externalCustomerId, balanceVersions.of(organization, externalCustomerId));
        Wallet wallet = state.wallets().stream().filter(w -> walletCode == null || w.code().equals(walletCode)).findFirst()
                .orElseThrow(() -> BillingError.notFound("wallet"));
        long requested = Credits.voided(credits, wallet.rateAmount(), wallet.currency()).amountCents();
        long available = Math.max(0, state.balances().get(wallet.id()).ongoingBalanceCents());
        return new Decision(requested <= available, wallet.currency(), requested, available, Credits.floor(credits),
                Credits.fromCents(available, wallet.rateAmount(), wallet.currency()), List.of(wallet));
    }

    private OngoingState state(OrganizationId organization, String externalCustomerId, BalanceVersions.Current customer) {
        return states.get(new CustomerKey(organization, customer.customerId()), customer.version(), clock.instant(), () -> {
            List<Wallet> active = wallets.activeOf(organization, customer.customerId());
            OngoingBalances.Computed computed = ongoing.compute(organization, externalCustomerId, active);
            return new VersionedCache.Computed<>(new OngoingState(active, computed.balances()), computed.validUntil());
        });
    }
}
