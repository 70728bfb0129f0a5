package dev.fjord.wallet;

import dev.fjord.invoicing.DraftFees;
import dev.fjord.invoicing.WalletLine;
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
 * aggregates — and the customer's draft invoices, so it is right in the first read after an event's or a top-up's 200
 * (Lago refreshes it every 5 minutes). What the wallets will be asked to pay — current usage (fees plus taxes) and
 * what drafts owe (grace period: fees minus coupons plus taxes) — is keyed by fee type and metric and allocated across
 * the customer's active wallets of its currency: keys by amount, largest first; wallets by priority, each applicable
 * by its {@code applies_to} as at invoicing; each wallet takes up to its balance, and the last applicable wallet
 * absorbs the overflow and goes negative. A wallet with a live threshold rule absorbs everything that reaches it,
 * going negative, so that its rule fires and refills it (Lago): the wallets after it take none of that key.
 * A draft bills an ended period and current usage the running one, so no usage is counted twice.
 */
@Service
public class OngoingBalances {
    private final CurrentUsage currentUsage;
    private final DraftFees draftFees;
    private final RecurringRules rules;
    private final Clock clock;

    OngoingBalances(CurrentUsage currentUsage, DraftFees draftFees, RecurringRules rules, Clock clock) {
        this.currentUsage = currentUsage;
        this.draftFees = draftFees;
        this.rules = rules;
        this.clock = clock;
    }

    /** Ongoing balances by wallet id, and until when they hold if nothing is written (see {@link CurrentUsage}). */
    public record Computed(Map<UUID, OngoingBalance> balances, Instant validUntil) {}

    /** What wallets applying to this fee type or metric may be asked to pay; {@code metricCode} null: no metric. */
    private record UsageKey(String feeType, String metricCode) {}

    /** The ongoing balance of each of the wallets (active wallets of one customer, in application order). */
    public Map<UUID, OngoingBalance> of(OrganizationId organization, String externalCustomerId, List<Wallet> wallets) {
        return compute(organization, externalCustomerId, wallets).balances();
    }

    public Computed compute(OrganizationId organization, String externalCustomerId, List<Wallet> wallets) {
        CurrentUsage.CustomerUsage current = currentUsage.ofCustomer(organization, externalCustomerId);
        Map<String, Map<UsageKey, Long>> usage = usageByCurrency(current.reports());
        if (!wallets.isEmpty()) {
            addDrafts(draftFees.ofCustomer(organization, wallets.get(0).customerId()), usage);
        }
        Map<UUID, Long> allocated = new HashMap<>();
        Set<UUID> absorbing = absorbing(organization, wallets);
        for (Map.Entry<String, Map<UsageKey, Long>> currency : usage.entrySet()) {
            List<Wallet> inCurrency = wallets.stream().filter(w -> w.isActive() && w.currency().equals(currency.getKey()))
                    .toList();
            allocate(currency.getValue(), inCurrency, absorbing, allocated);
        }
        Map<UUID, OngoingBalance> balances = new LinkedHashMap<>();
        for (Wallet wallet : wallets) {
            long taken = wallet.isActive() ? allocated.getOrDefault(wallet.id(), 0L) : 0;
            long remaining = wallet.balanceCents() - taken;
            balances.put(wallet.id(), new OngoingBalance(taken, remaining,
                    Credits.fromCents(taken, wallet.rateAmount(), wallet.currency()),
                    Credits.fromCents(remaining, wallet.rateAmount(), wallet.currency())));
        }
        return new Computed(balances, current.validUntil());
    }

    /**
     * Unbilled usage of the customer's active subscriptions: per currency, cents per charge metric, and the taxes
     * under a key of no metric. Pay-in-advance charges are left out (spec §4.5): each event's fee was invoiced, and
     * paid by wallets, already.
     */
    private static Map<String, Map<UsageKey, Long>> usageByCurrency(List<UsageReport> reports) {
        Map<String, Map<UsageKey, Long>> byCurrency = new HashMap<>();
        for (UsageReport report : reports) {
            Map<UsageKey, Long> keys = byCurrency.computeIfAbsent(report.currency(), c -> new HashMap<>());
            for (UsageReport.ChargeUsage charge : report.charges()) {
                if (!charge.charge().payInAdvance()) {
                    keys.merge(new UsageKey("charge", charge.metric().code()), charge.amountCents(), Long::sum);
                }
            }
            keys.merge(new UsageKey("charge", null), report.taxesAmountCents() - report.inAdvanceTaxesAmountCents(),
                    Long::sum);
        }
        return byCurrency;
    }

    /** What the drafts owe joins current usage under the same keys (Lago nets them per key). */
    private static void addDrafts(List<DraftFees.Owed> drafts, Map<String, Map<UsageKey, Long>> usage) {
        for (DraftFees.Owed owed : drafts) {
            usage.computeIfAbsent(owed.currency(), c -> new HashMap<>())
                    .merge(new UsageKey(owed.feeType(), owed.billableMetricCode()), owed.amountCents(), Long::sum);
        }
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

    private static void allocate(Map<UsageKey, Long> usage, List<Wallet> wallets, Set<UUID> absorbing,
            Map<UUID, Long> allocated) {
        List<Map.Entry<UsageKey, Long>> keys = new ArrayList<>(usage.entrySet());
        keys.sort(Map.Entry.<UsageKey, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(e -> e.getKey().feeType())
                .thenComparing(e -> e.getKey().metricCode(), Comparator.nullsFirst(Comparator.naturalOrder())));
        for (Map.Entry<UsageKey, Long> key : keys) {
            long left = key.getValue();
            List<Wallet> applicable = wallets.stream().filter(w -> WalletLine.applies(w.appliesToFeeTypes(),
                    w.appliesToBillableMetricCodes(), key.getKey().feeType(), key.getKey().metricCode())).toList();
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
}
