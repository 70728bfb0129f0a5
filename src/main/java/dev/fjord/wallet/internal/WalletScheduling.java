package dev.fjord.wallet.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs {@link WalletJobs} every 20 seconds as db-scheduler recurring tasks (one instance of the cluster per
 * execution), so an expiry or an interval top-up takes effect within a minute. Tests switch it off
 * ({@code fjord.jobs.enabled=false}, which turns db-scheduler off) and run the job themselves at the instant they
 * choose.
 */
@Configuration
@ConditionalOnProperty(name = "db-scheduler.enabled", havingValue = "true", matchIfMissing = true)
class WalletScheduling {
    static final String EXPIRY_TASK = "wallet-expiry";
    static final String TOP_UP_TASK = "wallet-top-up";

    private final WalletJobs jobs;
    private final Duration interval;

    WalletScheduling(WalletJobs jobs, @Value("${fjord.jobs.wallet-interval:PT20S}") Duration interval) {
        this.jobs = jobs;
        this.interval = interval;
    }

    @Bean
    RecurringTask<Void> walletExpiryTask() {
        return Tasks.recurring(EXPIRY_TASK, Schedules.fixedDelay(interval)).execute((instance, context) -> jobs.expireDue());
    }

    @Bean
    RecurringTask<Void> walletTopUpTask() {
        return Tasks.recurring(TOP_UP_TASK, Schedules.fixedDelay(interval)).execute((instance, context) -> jobs.topUpDue());
    }
}
