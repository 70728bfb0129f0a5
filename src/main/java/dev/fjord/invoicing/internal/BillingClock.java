package dev.fjord.invoicing.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.fjord.invoicing.BillingRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the billing clock every 10 minutes (Lago: hourly) as a db-scheduler recurring task: bills the periods that
 * ended, then finalizes the drafts whose grace period is over and reports the invoices that became overdue. db-scheduler hands each execution to one instance of
 * the cluster; even so, each period is claimed under a per-subscription lock and a unique key, so it is billed exactly
 * once, and each draft is finalized under its row lock, once.
 */
@Configuration
@ConditionalOnProperty(name = "db-scheduler.enabled", havingValue = "true", matchIfMissing = true)
class BillingClock {
    static final String TASK_NAME = "billing-clock";
    private static final Logger log = LoggerFactory.getLogger(BillingClock.class);

    private final BillingRuns runs;
    private final Clock clock;

    BillingClock(BillingRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> billingClockTask(@Value("${fjord.jobs.billing-clock-interval:PT10M}") Duration interval) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(interval)).execute((instance, context) -> tick());
    }

    void tick() {
        Instant now = clock.instant();
        int issued = runs.runAll(now);
        int finalized = runs.finalizeEndedGracePeriods(now);
        int overdue = runs.reportOverdue(null, now).size();
        if (issued > 0 || finalized > 0 || overdue > 0) {
            log.info("Billing clock issued {} invoices, finalized {} drafts at the end of their grace period and"
                    + " reported {} overdue", issued, finalized, overdue);
        }
    }
}
