package dev.fjord.wallet.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.WalletTransaction;
import dev.fjord.wallet.WalletTransactions;
import dev.fjord.wallet.Wallets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Time-driven wallet work: wallets past their {@code expiration_at} are terminated, and each grant past its own
 * expiration has its unconsumed remainder voided (Fjord's per-grant expiry). Every step locks the wallet and
 * re-checks, so running it twice, or on several instances at once, changes nothing more.
 */
@Component
public class WalletJobs {
    private static final Logger log = LoggerFactory.getLogger(WalletJobs.class);
    /** Rows handled per run; the next run takes the rest. */
    private static final int BATCH = 500;

    private final WalletRepository wallets;
    private final LedgerRepository ledger;
    private final Wallets walletService;
    private final WalletTransactions transactions;
    private final Clock clock;

    WalletJobs(WalletRepository wallets, LedgerRepository ledger, Wallets walletService, WalletTransactions transactions,
            Clock clock) {
        this.wallets = wallets;
        this.ledger = ledger;
        this.walletService = walletService;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Answers how many wallets and grants were expired. */
    public int expireDue() {
        int done = 0;
        for (Map.Entry<OrganizationId, WalletTransaction> grant : ledger.expiredGrants(clock.instant(), BATCH)) {
            transactions.expireGrant(grant.getKey(), grant.getValue().id());
            done++;
        }
        for (Map.Entry<OrganizationId, UUID> wallet : wallets.expired(clock.instant(), BATCH)) {
            walletService.terminate(wallet.getKey(), wallet.getValue());
            done++;
        }
        if (done > 0) {
            log.info("Expired {} wallets and grants", done);
        }
        return done;
    }
}
