package dev.fjord.invoicing.internal.amounts;

import dev.fjord.invoicing.WalletLine;
import dev.fjord.invoicing.internal.amounts.PayableBuckets.Bucket;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prepaid credits, last (spec §4.3 steps 2–3, Lago's {@code AllocatePrepaidCreditsByWalletsService}): wallets in
 * priority order pay the buckets they apply to, never more than a bucket, their balance or the invoice.
 */
public final class WalletAllocation {
    /** Lago's {@code in_application_order}: priority, then the oldest. */
    static final Comparator<WalletLine> APPLICATION_ORDER = Comparator.comparingInt(WalletLine::priority)
            .thenComparing(WalletLine::createdAt)
            .thenComparing(WalletLine::walletId); // only to make equal timestamps deterministic

    private WalletAllocation() {}

    /** Per wallet, in application order, what it pays; wallets that pay nothing are left out. */
    public static Map<UUID, Long> allocate(List<Bucket> buckets, List<WalletLine> wallets, long invoiceTotalCents) {
        long[] bucketLeft = buckets.stream().mapToLong(Bucket::amountCents).toArray();
        long invoiceLeft = invoiceTotalCents;
        Map<UUID, Long> debits = new LinkedHashMap<>();
        for (WalletLine wallet : wallets.stream().sorted(APPLICATION_ORDER).toList()) {
            long balanceLeft = wallet.balanceCents();
            for (int i = 0; i < buckets.size() && balanceLeft > 0 && invoiceLeft > 0; i++) {
                if (bucketLeft[i] <= 0 || !pays(wallet, buckets.get(i))) {
                    continue;
                }
                long taken = Math.min(bucketLeft[i], Math.min(balanceLeft, invoiceLeft));
                bucketLeft[i] -= taken;
                balanceLeft -= taken;
                invoiceLeft -= taken;
            }
            if (balanceLeft < wallet.balanceCents()) {
                debits.put(wallet.walletId(), wallet.balanceCents() - balanceLeft);
            }
        }
        return Collections.unmodifiableMap(debits);
    }

    /**
     * Lago: a wallet without restriction pays for anything; otherwise for the fee types it lists and for the charges
     * of the billable metrics it lists.
     */
    static boolean pays(WalletLine wallet, Bucket bucket) {
        return WalletLine.applies(wallet.feeTypes(), wallet.metricIds(), bucket.feeType(), bucket.billableMetricId());
    }
}
