package dev.fjord.invoicing.internal;

import dev.fjord.invoicing.BillingRuns;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the billing clock every 10 minutes (Lago: hourly): bills the periods that ended, then finalizes the drafts
 * whose grace period is over. Several instances may run it at once: each period is claimed under a per-subscription
 * lock and a unique key, so it is billed exactly once; each draft is finalized under its row lock, once.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "fjord.jobs.enabled", havingValue = "true", matchIfMissing = true)
class BillingClock {
    private static final Logger log = LoggerFactory.getLogger(BillingClock.class);

    private final BillingRuns runs;
    private final Clock clock;

    BillingClock(BillingRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void tick() {
        Instant now = clock.instant();
        int issued = runs.runAll(now);
        int finalized = runs.finalizeEndedGracePeriods(now);
        if (issued > 0 || finalized > 0) {
            log.info("Billing clock issued {} invoices and finalized {} drafts at the end of their grace period",
                    issued, finalized);
        }
    }
}
