package dev.fjord.wallet;

import dev.fjord.metering.CurrentUsage;
import dev.fjord.metering.UsageReport;
import dev.fjord.shared.Credits;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.internal.RecurringRules;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The real-time ongoing balance (spec §4.5), computed on read from current usage — itself read from the incremental
 * aggregates — so it is right in the first read after an event's or a top-up's 200 (Lago refreshes it every 5
 * minutes). Unbilled usage (fees plus taxes) is allocated across the customer's active wallets of the usage currency:
 * usage keys by amount, largest first; wallets by priority; each wallet takes up to its balance, and the last
 * applicable wallet absorbs the overflow and goes negative. A wallet with a live threshold rule absorbs everything that
 * reaches it, going negative, so that its rule fires and refills it (Lago): the wallets after it take none of that key.
 */
@Service
public class OngoingBalances {
    /** The key of a usage's taxes: payable by wallets not limited to some metrics. */
    private static final String TAXES = "";

    private final CurrentUsage currentUsage;
    private final RecurringRules rules;
    private final Clock clock;

    OngoingBalances(CurrentUsage currentUsage, RecurringRules rules, Clock clock) {
        this.currentUsage = currentUsage;
        this.rules = rules;
        this.clock = clock;
    }

    /** Ongoing balances by wallet id, and until when they hold if nothing is written (see {@link CurrentUsage}). */
    public record Computed(Map<UUID, OngoingBalance> balances, Instant validUntil) {}

    /** The ongoing balance of each of the wallets (active wallets of one customer, in application order). */
    public Map<UUID, OngoingBalance> of(OrganizationId organization, String externalCustomerId, List<Wallet> wallets) {
        return compute(organization, externalCustomerId, wallets).balances();
    }

    public Computed compute(OrganizationId organization, String externalCustomerId, List<Wallet> wallets) {
        CurrentUsage.CustomerUsage current = currentUsage.ofCustomer(organization, externalCustomerId);
        Map<UUID, Long> allocated = new HashMap<>();
        Set<UUID> absorbing = absorbing(organization, wallets);
        for (Map.Entry<String, Map<String, Long>> currency : usageByCurrency(current.reports()).entrySet()) {
            List<Wallet> inCurrency = wallets.stream().filter(w -> w.isActive() && w.currency().equals(currency.getKey()))
                    .toList();
            allocate(currency.getValue(), inCurrency, absorbing, allocated);
        }
        Map<UUID, OngoingBalance> balances = new LinkedHashMap<>();
        for (Wallet wallet : wallets) {
            long usage = wallet.isActive() ? allocated.getOrDefault(wallet.id(), 0L) : 0;
            long remaining = wallet.balanceCents() - usage;
            balances.put(wallet.id(), new OngoingBalance(usage, remaining,
                    Credits.fromCents(usage, wallet.rateAmount(), wallet.currency()),
                    Credits.fromCents(remaining, wallet.rateAmount(), wallet.currency())));
        }
        return new Computed(balances, current.validUntil());
    }

    /**
     * Unbilled usage of the customer's active subscriptions: per currency, cents per metric code (taxes apart).
     * Pay-in-advance charges are left out (spec §4.5): each event's fee was invoiced, and paid by wallets, already.
     */
    private static Map<String, Map<String, Long>> usageByCurrency(List<UsageReport> reports) {
        Map<String, Map<String, Long>> byCurrency = new HashMap<>();
        for (UsageReport report : reports) {
            Map<String, Long> keys = byCurrency.computeIfAbsent(report.currency(), c -> new HashMap<>());
            for (UsageReport.ChargeUsage charge : report.charges()) {
                if (!charge.charge().payInAdvance()) {
                    keys.merge(charge.metric().code(), charge.amountCents(), Long::sum);
                }
            }
            keys.merge(TAXES, report.taxesAmountCents() - report.inAdvanceTaxesAmountCents(), Long::sum);
        }
        return byCurrency;
    }

    /**
     * The wallets that absorb all usage reaching them. Only asked when some currency has several active wallets:
     * a lone wallet takes all its usage anyway, as the last applicable one.
     */
    private Set<UUID> absorbing(OrganizationId organization, List<Wallet> wallets) {
        Map<String, Long> perCurrency = wallets.stream().filter(Wallet::isActive)
                .collect(Collectors.groupingBy(Wallet::currency, Collectors.counting()));
        if (perCurrency.values().stream().noneMatch(count -> count > 1)) {
            return Set.of();
        }
        return rules.withThresholdRule(organization, wallets.stream().filter(Wallet::isActive).map(Wallet::id).toList(),
                clock.instant());
    }

    private static void allocate(Map<String, Long> usage, List<Wallet> wallets, Set<UUID> absorbing,
            Map<UUID, Long> allocated) {
        List<Map.Entry<String, Long>> keys = new ArrayList<>(usage.entrySet());
        keys.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, Long> key : keys) {
            long left = key.getValue();
            List<Wallet> applicable = wallets.stream().filter(w -> pays(w, key.getKey())).toList();
            for (int i = 0; i < applicable.size() && left > 0; i++) {
                Wallet wallet = applicable.get(i);
                long taken = allocated.getOrDefault(wallet.id(), 0L);
                boolean takesAll = i == applicable.size() - 1 || absorbing.contains(wallet.id());
                long share = takesAll ? left : Math.min(left, Math.max(0, wallet.balanceCents() - taken));
                allocated.put(wallet.id(), taken + share);
                left -= share;
            }
        }
    }

    /** Usage fees are {@code charge} fees: a wallet pays them unless limited to other fee types or other metrics. */
    private static boolean pays(Wallet wallet, String metricCode) {
        boolean feeType = wallet.appliesToFeeTypes().isEmpty() || wallet.appliesToFeeTypes().contains("charge");
        boolean metric = wallet.appliesToBillableMetricCodes().isEmpty()
                ? true : !metricCode.equals(TAXES) && wallet.appliesToBillableMetricCodes().contains(metricCode);
        return feeType && metric;
    }
}
