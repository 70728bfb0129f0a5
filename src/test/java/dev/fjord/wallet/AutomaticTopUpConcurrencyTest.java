package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import dev.fjord.wallet.internal.AutomaticTopUps;
import dev.fjord.wallet.internal.WalletJobs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Automatic top-ups under concurrency: concurrent invocations of the same jobs and checks on separate threads against
 * the one database, since all coordination goes through row locks and unique keys in PostgreSQL. Two real application
 * contexts on one database are exercised by {@link TwoInstancesJobsTest}.
 */
class AutomaticTopUpConcurrencyTest extends ApiTest {
    @Autowired
    private WalletJobs jobs;
    @Autowired
    private AutomaticTopUps topUps;

    @Test
    void twentyEventsCrossingTheThresholdAtOnceMakeExactlyOneTopUpAndOneDepletionWebhook() throws Exception {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        MeteredCustomer.subscribe(api);
        String walletId = wallet("acme", "\"granted_credits\": \"10\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"threshold\", \"threshold_credits\": \"5\", \"paid_credits\": \"10\"}]");
        api.post("/api/v1/webhook_endpoints", "{\"webhook_endpoint\": {\"webhook_url\": \"http://127.0.0.1:9/hooks\"}}");

        List<Callable<Integer>> senders = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 20; i++) {
            String id = "e" + i;
            senders.add(() -> {
                start.await();
                return api.post("/api/v1/events", "{\"event\": {\"transaction_id\": \"" + id + "\", \"external_subscription_id\":"
                        + " \"sub\", \"code\": \"calls\", \"timestamp\": " + MeteredCustomer.MARCH_10 + "}}").status();
            });
        }
        for (Integer status : runTogether(senders, start)) {
            assertThat(status).isEqualTo(200);
        }
        ThresholdTopUpScenarioTest.await(() -> thresholdRows(walletId) >= 1);
        Thread.sleep(1500);
        // usage 20 → ongoing −10: whichever check came first bought a multiple of 10 credits; the others saw it pending
        assertThat(thresholdRows(walletId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT credit_amount % 10 FROM wallet_transactions WHERE wallet_id = ?::uuid AND source = 'threshold'")
                .param(walletId).query(java.math.BigDecimal.class).single()).isZero();
        // the bought credits are not paid yet: the ongoing balance stays at −10.00, depleted once
        assertThat(jdbc.sql("SELECT count(*) FROM webhooks WHERE webhook_type = 'wallet.depleted_ongoing_balance'"
                + " AND payload LIKE ?").param("%" + walletId + "%").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void concurrentThresholdChecksOfOneCustomerTopUpOnce() throws Exception {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        new Scenario(api).customer("acme", null);
        // made with a threshold of 0 and nothing in it: due at once (its own after-commit check runs too)
        String walletId = wallet("acme", "\"recurring_transaction_rules\": [{\"trigger\": \"threshold\","
                + " \"threshold_credits\": \"0\", \"granted_credits\": \"3\"}]");
        OrganizationId organization = organizationOf(walletId);
        UUID customer = jdbc.sql("SELECT customer_id FROM wallets WHERE id = ?::uuid").param(walletId).query(UUID.class).single();
        List<Callable<Integer>> checks = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 8; i++) {
            checks.add(() -> {
                start.await();
                return topUps.checkThresholds(organization, customer);
            });
        }
        runTogether(checks, start);
        Thread.sleep(1000);
        assertThat(thresholdRows(walletId)).isEqualTo(1);
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("balance_cents").longValue()).isEqualTo(300);
    }

    @Test
    void twoSchedulersRunningTogetherTopUpEachIntervalRuleOnceAndExpireEachGrantOnce() throws Exception {
        clock.set(Instant.parse("2026-03-02T09:00:00Z"));
        List<String> walletIds = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            new Scenario(api).customer("c" + i, null);
            String walletId = wallet("c" + i, "\"recurring_transaction_rules\": [{\"trigger\": \"interval\","
                    + " \"interval\": \"weekly\", \"granted_credits\": \"2\"}]");
            var grant = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                    + "\", \"granted_credits\": \"5\", \"expiration_at\": \"2026-03-05T00:00:00Z\"}}");
            assertThat(grant.status()).isEqualTo(200);
            walletIds.add(walletId);
        }
        // Monday 9 March: every rule is due, every grant has expired
        clock.set(Instant.parse("2026-03-09T00:30:00Z"));
        List<Callable<Integer>> schedulers = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            schedulers.add(() -> {
                start.await();
                return jobs.topUpDue() + jobs.expireDue();
            });
        }
        runTogether(schedulers, start);
        for (String walletId : walletIds) {
            // 5 granted − 5 expired + 2 from the rule = 2 credits
            assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("balance_cents").longValue())
                    .as(walletId).isEqualTo(200);
            assertThat(jdbc.sql("SELECT count(*) FROM wallet_transactions WHERE wallet_id = ?::uuid AND source = 'interval'")
                    .param(walletId).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM wallet_transactions WHERE wallet_id = ?::uuid AND source = 'expiry'")
                    .param(walletId).query(Long.class).single()).isEqualTo(1);
        }
    }

    private static <T> List<T> runTogether(List<Callable<T>> tasks, CountDownLatch start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private String wallet(String customer, String fields) {
        var response = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"" + customer + "\","
                + " \"rate_amount\": \"1\", \"currency\": \"EUR\", " + fields + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("wallet").get("lago_id").stringValue();
    }

    private long thresholdRows(String walletId) {
        return jdbc.sql("SELECT count(*) FROM wallet_transactions WHERE wallet_id = ?::uuid AND source = 'threshold'")
                .param(walletId).query(Long.class).single();
    }

    private OrganizationId organizationOf(String walletId) {
        return new OrganizationId(jdbc.sql("SELECT organization_id FROM wallets WHERE id = ?::uuid").param(walletId)
                .query(UUID.class).single());
    }
}
