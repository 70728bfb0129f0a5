package dev.fjord.invoicing;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An active wallet of the customer in the invoice currency, as {@link InvoiceCalculator} needs it. Wallets with no
 * positive balance are ignored, as Lago only reads wallets {@code with_positive_balance}.
 *
 * @param priority lower pays first (Lago's {@code priority}), then the oldest ({@code createdAt})
 * @param feeTypes Lago's {@code applies_to.fee_types}; empty together with {@code metricIds} = pays for anything
 * @param metricIds Lago's {@code applies_to.billable_metric_codes}, resolved to ids: pays for those charges' fees
 */
public record WalletLine(UUID walletId, long balanceCents, int priority, Instant createdAt, Set<String> feeTypes,
        Set<UUID> metricIds) {

    public WalletLine {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(createdAt, "createdAt");
        feeTypes = feeTypes == null ? Set.of() : Set.copyOf(feeTypes);
        metricIds = metricIds == null ? Set.of() : Set.copyOf(metricIds);
    }

    public boolean unrestricted() {
        return feeTypes.isEmpty() && metricIds.isEmpty();
    }

    /**
     * Lago's applicability (spec §4.3 b), shared by invoices and the ongoing balance: a wallet without restriction
     * pays for anything; otherwise for the fee types it lists and for the charges of the billable metrics it lists
     * ({@code metric} null: a fee of no listed metric, such as the taxes of current usage).
     */
    public static <M> boolean applies(Collection<String> feeTypes, Collection<M> metrics, String feeType, M metric) {
        return (feeTypes.isEmpty() && metrics.isEmpty()) || feeTypes.contains(feeType)
                || ("charge".equals(feeType) && metric != null && metrics.contains(metric));
    }
}
