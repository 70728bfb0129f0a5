package dev.fjord.wallet.internal;

import dev.fjord.customer.BalanceVersions;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Credits;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.RecurringRuleInput;
import dev.fjord.wallet.RecurringTopUpRule;
import dev.fjord.wallet.Wallet;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A wallet's automatic top-up rules (spec §3): made with the wallet, replaced through {@code PUT /wallets/{id}}
 * (listed rules with a {@code lago_id} change in place, others are made, unlisted ones end), ended with the wallet.
 * Runs in the caller's transaction with the wallet locked; a rule the wallet's limits refuse fails the whole call
 * with {@code invalid_recurring_rule}, so nothing is written.
 */
@Component
public class RecurringRules {
    private final RecurringRuleRepository repository;
    private final Customers customers;
    private final BalanceVersions balanceVersions;

    RecurringRules(RecurringRuleRepository repository, Customers customers, BalanceVersions balanceVersions) {
        this.repository = repository;
        this.customers = customers;
        this.balanceVersions = balanceVersions;
    }

    /** Rules sent with a new wallet; a fixed rule without credits takes the wallet's initial ones (Lago). */
    public void create(OrganizationId organization, Wallet wallet, List<RecurringRuleInput> inputs,
            BigDecimal walletPaidCredits, BigDecimal walletGrantedCredits, Instant now) {
        for (RecurringRuleInput input : inputs) {
            boolean inherits = "fixed".equals(input.method()) && input.paidCredits() == null && input.grantedCredits() == null;
            RecurringRule rule = build(organization, wallet, Ids.newId(), input,
                    inherits ? walletPaidCredits : input.paidCredits(),
                    inherits ? walletGrantedCredits : input.grantedCredits(), now, now);
            repository.insert(organization, rule, now);
        }
    }

    /** {@code PUT /wallets/{id}} with {@code recurring_transaction_rules}: the list becomes the wallet's rules. */
    public void replace(OrganizationId organization, Wallet wallet, List<RecurringRuleInput> inputs, Instant now) {
        Map<UUID, RecurringRule> active = new HashMap<>();
        repository.activeOfWallet(organization, wallet.id()).forEach(r -> active.put(r.id(), r));
        List<UUID> kept = inputs.stream().map(RecurringRuleInput::lagoId).filter(active::containsKey).toList();
        for (UUID id : active.keySet()) {
            if (!kept.contains(id)) {
                repository.terminate(organization, id, now);
            }
        }
        for (RecurringRuleInput input : inputs) {
            RecurringRule existing = input.lagoId() == null ? null : active.get(input.lagoId());
            if (existing != null) {
                repository.replace(organization, build(organization, wallet, existing.id(), input, input.paidCredits(),
                        input.grantedCredits(), existing.createdAt(), now), now);
            } else {
                repository.insert(organization, build(organization, wallet, Ids.newId(), input, input.paidCredits(),
                        input.grantedCredits(), now, now), now);
            }
        }
    }

    /** After the wallet's top-up limits changed: its fixed rule's paid credits must still fit them. */
    public void checkLimits(OrganizationId organization, Wallet wallet) {
        for (RecurringRule rule : repository.activeOfWallet(organization, wallet.id())) {
            if (!rule.isTarget()) {
                checkPaidLimits(wallet, rule.paidCredits(), rule.ignorePaidTopUpLimits());
            }
        }
    }

    public void terminateOfWallet(OrganizationId organization, UUID walletId, Instant now) {
        repository.terminateOfWallet(organization, walletId, now);
    }

    /**
     * Of these wallets, those with a live threshold rule. In the ongoing balance such a wallet absorbs all the usage
     * that reaches it and may go negative, so that its rule can fire and refill it (Lago).
     */
    public Set<UUID> withThresholdRule(OrganizationId organization, Collection<UUID> walletIds, Instant now) {
        return liveOf(organization, walletIds, now).stream().filter(RecurringRule::isThreshold).map(RecurringRule::walletId)
                .collect(Collectors.toSet());
    }

    /** A rule past its expiration ends; the ongoing balances of its customer may move (a threshold rule absorbed usage). */
    @Transactional
    public void expire(OrganizationId organization, UUID ruleId, Instant now) {
        repository.terminate(organization, ruleId, now).ifPresent(balanceVersions::changed);
    }

    /** Rules Lago lists on the wallets: active and not past their expiration. */
    List<RecurringRule> liveOf(OrganizationId organization, Collection<UUID> walletIds, Instant now) {
        return repository.activeOfWallets(organization, walletIds).stream().filter(r -> r.isLive(now)).toList();
    }

    /** One wallet's live rules in the public shape (the wallet page lists them). */
    public List<RecurringTopUpRule> liveOf(OrganizationId organization, UUID walletId, Instant now) {
        return liveOf(organization, List.of(walletId), now).stream()
                .map(r -> new RecurringTopUpRule(r.id(), r.status(), r.trigger(), r.method(), r.interval(),
                        r.thresholdCredits(), r.paidCredits(), r.grantedCredits(), r.targetOngoingBalance(),
                        r.grantsTargetTopUp(), r.startedAt(), r.expirationAt(), r.invoiceRequiresSuccessfulPayment(),
                        r.transactionMetadata(), r.transactionName(), r.purchaseOrderNumber(),
                        r.ignorePaidTopUpLimits()))
                .toList();
    }

    private RecurringRule build(OrganizationId organization, Wallet wallet, UUID id, RecurringRuleInput in,
            BigDecimal paid, BigDecimal granted, Instant createdAt, Instant now) {
        boolean target = "target".equals(in.method());
        if (!target) {
            checkPaidLimits(wallet, paid, in.ignorePaidTopUpLimits());
        }
        boolean interval = "interval".equals(in.trigger());
        RecurringRule rule = new RecurringRule(id, wallet.id(), "active", in.trigger(), in.method(),
                interval ? in.interval() : null, orZero(paid), orZero(granted), orZero(in.thresholdCredits()),
                in.targetOngoingBalance(), target ? Boolean.TRUE.equals(in.grantsTargetTopUp()) : null,
                in.startedAt(), in.expirationAt(),
                in.invoiceRequiresSuccessfulPayment() != null ? in.invoiceRequiresSuccessfulPayment()
                        : wallet.invoiceRequiresSuccessfulPayment(),
                in.transactionMetadata(), in.transactionName(), in.purchaseOrderNumber(), in.ignorePaidTopUpLimits(),
                null, createdAt);
        return interval ? withNextRun(rule, firstRun(organization, wallet, rule, now)) : rule;
    }

    /** The first interval run: the first matching day from today on (customer's timezone), after the anchor. */
    private Instant firstRun(OrganizationId organization, Wallet wallet, RecurringRule rule, Instant now) {
        ZoneId zone = zoneOf(organization, wallet.customerId());
        Instant anchor = rule.startedAt() != null ? rule.startedAt() : wallet.createdAt();
        LocalDate yesterday = now.atZone(zone).toLocalDate().minusDays(1);
        return RuleSchedule.nextRun(rule.interval(), anchor, wallet.createdAt().atZone(zone).toLocalDate(), yesterday, zone);
    }

    ZoneId zoneOf(OrganizationId organization, UUID customerId) {
        List<Customer> found = customers.byIds(organization, List.of(customerId));
        String zone = found.isEmpty() ? null : found.get(0).applicableTimezone();
        return zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
    }

    private static RecurringRule withNextRun(RecurringRule r, Instant next) {
        return new RecurringRule(r.id(), r.walletId(), r.status(), r.trigger(), r.method(), r.interval(), r.paidCredits(),
                r.grantedCredits(), r.thresholdCredits(), r.targetOngoingBalance(), r.grantsTargetTopUp(), r.startedAt(),
                r.expirationAt(), r.invoiceRequiresSuccessfulPayment(), r.transactionMetadata(), r.transactionName(),
                r.purchaseOrderNumber(), r.ignorePaidTopUpLimits(), next, r.createdAt());
    }

    /** Lago: a fixed rule's non-zero paid credits respect the wallet's min/max unless the rule ignores them. */
    private static void checkPaidLimits(Wallet wallet, BigDecimal paid, boolean ignore) {
        if (ignore || paid == null || paid.signum() == 0) {
            return;
        }
        long cents = Credits.topUp(paid, wallet.rateAmount(), wallet.currency()).amountCents();
        Long min = wallet.paidTopUpMinAmountCents();
        Long max = wallet.paidTopUpMaxAmountCents();
        if ((min != null && cents < min) || (max != null && cents > max)) {
            throw BillingError.validation("recurring_transaction_rules", "invalid_recurring_rule");
        }
    }

    private static BigDecimal orZero(BigDecimal credits) {
        return credits == null ? BigDecimal.ZERO : Credits.floor(credits);
    }
}
