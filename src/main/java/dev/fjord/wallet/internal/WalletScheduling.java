package dev.fjord.wallet.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs {@link WalletJobs} every 20 seconds, so an expiry or an interval top-up takes effect within a minute. Tests switch it off
 * ({@code fjord.jobs.enabled=false}) and run the job themselves at the instant they choose.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "fjord.jobs.enabled", havingValue = "true", matchIfMissing = true)
class WalletScheduling {
    private final WalletJobs jobs;

    WalletScheduling(WalletJobs jobs) {
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "PT20S", initialDelayString = "PT20S")
    void expire() {
        jobs.expireDue();
    }

    @Scheduled(fixedDelayString = "PT20S", initialDelayString = "PT10S")
    void topUp() {
        jobs.topUpDue();
    }
}
