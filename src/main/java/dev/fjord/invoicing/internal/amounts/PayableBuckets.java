package dev.fjord.invoicing.internal.amounts;

import dev.fjord.invoicing.FeeLine;
import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * What wallets may pay for on an invoice (spec §4.3 step 1, Lago's
 * {@code AllocatePrepaidCreditsByWalletsService#calculate_amounts_for_fees_by_type_and_bm}): per fee type and billable
 * metric, the fees' sub-totals plus their precise taxes minus their credit-note shares, largest first.
 */
public final class PayableBuckets {
    private PayableBuckets() {}

    /** Money of the invoice, in whole minor units, that a wallet applying to this fee type or metric may pay. */
    public record Bucket(String feeType, UUID billableMetricId, long amountCents) {}

    private record Key(String feeType, UUID billableMetricId) {}

    public static List<Bucket> of(List<FeeLine> fees, Map<UUID, BigDecimal> preciseCoupons,
            Map<UUID, BigDecimal> preciseTaxes, Map<UUID, BigDecimal> preciseCreditNotes, long invoiceTotalCents) {
        Map<Key, BigDecimal> caps = new LinkedHashMap<>();
        for (FeeLine fee : fees) {
            BigDecimal subTotal = BigDecimal.valueOf(fee.amountCents()).subtract(preciseCoupons.get(fee.key()));
            if (subTotal.signum() == 0) {
                continue;
            }
            BigDecimal cap = subTotal.add(preciseTaxes.get(fee.key())).subtract(preciseCreditNotes.get(fee.key()));
            if (cap.signum() > 0) {
                caps.merge(new Key(fee.feeType(), fee.billableMetricId()), cap, BigDecimal::add);
            }
        }
        // Largest first; the stable sort keeps the fees' order between equal buckets (Lago leaves it unspecified).
        List<Map.Entry<Key, BigDecimal>> ordered = new ArrayList<>(caps.entrySet());
        ordered.sort(Map.Entry.<Key, BigDecimal>comparingByValue().reversed());
        List<BigDecimal> amounts = reconcile(ordered.stream().map(Map.Entry::getValue).toList(), invoiceTotalCents);
        long[] whole = wholeCents(amounts, invoiceTotalCents);
        return IntStream.range(0, ordered.size()).mapToObj(i -> {
            Key key = ordered.get(i).getKey();
            return new Bucket(key.feeType(), key.billableMetricId(), whole[i]);
        }).toList();
    }

    /**
     * Lago (PR #5121): the precise taxes can add up to a fraction below the invoice's rounded taxes, which would
     * leave a cent unpaid however rich the wallet. A gap of at most one minor unit per bucket goes to the largest one;
     * a larger gap is not rounding and is kept.
     */
    static List<BigDecimal> reconcile(List<BigDecimal> ordered, long invoiceTotalCents) {
        BigDecimal gap = BigDecimal.valueOf(invoiceTotalCents).subtract(sum(ordered));
        if (ordered.isEmpty() || gap.signum() <= 0 || gap.compareTo(BigDecimal.valueOf(ordered.size())) > 0) {
            return ordered;
        }
        List<BigDecimal> reconciled = new ArrayList<>(ordered);
        reconciled.set(0, reconciled.get(0).add(gap));
        return reconciled;
    }

    /**
     * Whole minor units per bucket, adding up to the precise total rounded HALF_UP (never above the invoice total):
     * each bucket's whole part, then one more unit for the largest fractions. Lago lets wallets take fractions and
     * rounds each wallet's total, which can take a cent more than the invoice over two wallets; whole buckets keep
     * every debit, and their sum, within the invoice and the balances.
     */
    static long[] wholeCents(List<BigDecimal> amounts, long invoiceTotalCents) {
        long[] whole = amounts.stream().mapToLong(Money::truncate).toArray();
        long missing = Math.min(invoiceTotalCents, Money.round(sum(amounts))) - java.util.Arrays.stream(whole).sum();
        List<Integer> byFraction = IntStream.range(0, amounts.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> fraction(amounts.get(i))).reversed()).toList();
        for (int i = 0; i < missing; i++) {
            whole[byFraction.get(i)]++;
        }
        return whole;
    }

    private static BigDecimal fraction(BigDecimal amount) {
        return amount.subtract(BigDecimal.valueOf(Money.truncate(amount)));
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
