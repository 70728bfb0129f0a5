package dev.fjord.wallet;

import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.internal.LedgerHistoryRepository;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A wallet's balance over time, summed from its ledger with the balance rule itself (settled inbound rows add,
 * outbound rows subtract): what a chart of the balance draws.
 */
@Service
public class BalanceHistory {
    /** Enough points for a chart; older points are left out. */
    public static final int MAX_POINTS = 500;

    private final LedgerHistoryRepository ledger;

    BalanceHistory(LedgerHistoryRepository ledger) {
        this.ledger = ledger;
    }

    /** The balance after each ledger row that moved it, oldest first; the last point equals the wallet's balance. */
    public List<BalancePoint> of(OrganizationId organization, UUID walletId) {
        return ledger.balanceAfterEachRow(organization, walletId, MAX_POINTS);
    }
}
