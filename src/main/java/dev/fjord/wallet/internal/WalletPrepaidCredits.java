package dev.fjord.wallet.internal;

import dev.fjord.invoicing.PrepaidCredits;
import dev.fjord.invoicing.WalletLine;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.Wallet;
import dev.fjord.wallet.WalletTransaction;
import dev.fjord.wallet.WalletTransactions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The wallet module's side of {@link PrepaidCredits}: what invoices may consume, and the debit itself. */
@Component
class WalletPrepaidCredits implements PrepaidCredits {
    private final WalletRepository wallets;
    private final WalletTransactions transactions;
    private final LedgerRepository ledger;
    private final JdbcClient jdbc;

    WalletPrepaidCredits(WalletRepository wallets, WalletTransactions transactions, LedgerRepository ledger,
            JdbcClient jdbc) {
        this.wallets = wallets;
        this.transactions = transactions;
        this.ledger = ledger;
        this.jdbc = jdbc;
    }

    /** Locked, so the balances the invoice allocates are the ones it will debit in the same transaction. */
    @Override
    public List<WalletLine> wallets(OrganizationId organization, UUID customerId, String currency) {
        return wallets.lockActiveOfCustomer(organization, customerId).stream()
                .filter(w -> w.currency().equals(currency) && w.balanceCents() > 0)
                .map(w -> new WalletLine(w.id(), w.balanceCents(), w.priority(), w.createdAt(),
                        Set.copyOf(w.appliesToFeeTypes()), metricIds(w)))
                .toList();
    }

    /** The granted part: what the debit consumed of granted inbound rows (re-credits of voided invoices included). */
    @Override
    public long debit(OrganizationId organization, UUID walletId, long amountCents, UUID invoiceId) {
        WalletTransaction debit = transactions.debit(organization, walletId, amountCents, invoiceId);
        return ledger.grantedConsumedBy(organization, debit.id());
    }

    private Set<UUID> metricIds(Wallet wallet) {
        return new HashSet<>(jdbc.sql("SELECT billable_metric_id FROM wallet_billable_metrics WHERE wallet_id = ?")
                .param(wallet.id()).query(UUID.class).list());
    }
}
