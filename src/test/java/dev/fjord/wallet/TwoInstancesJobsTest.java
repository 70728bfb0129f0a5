package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiTest;
import dev.fjord.support.MutableClock;
import dev.fjord.support.OtherInstance;
import dev.fjord.support.Scenario;
import dev.fjord.wallet.internal.WalletJobs;
import dev.fjord.webhook.Receiver;
import dev.fjord.webhook.internal.WebhookDeliveries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two real instances on one database: the shared test context and a second Spring context started here on the same
 * PostgreSQL. Both run the wallet jobs and then the webhook worker at the same moment; every effect must happen once.
 * Both share one clock, as two servers share the wall clock.
 */
class TwoInstancesJobsTest extends ApiTest {
    private static ConfigurableApplicationContext second;

    @Autowired
    private WalletJobs jobs;
    @Autowired
    private WebhookDeliveries deliveries;

    /** The second instance: same database as the first (whether embedded or external), its own port, jobs off. */
    @BeforeAll
    static void startSecondInstance(@Autowired HikariDataSource database, @Autowired MutableClock clock) {
        second = OtherInstance.start(database, beans -> beans.registerBean("sharedClock", MutableClock.class, () -> clock,
                definition -> definition.setPrimary(true)), List.of("--fjord.jobs.enabled=false"));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void bothInstancesRunningTheWalletJobsAndTheWebhookWorkerAtOnceMakeEachEffectOnce() throws Exception {
        try (Receiver receiver = new Receiver()) {
            clock.set(Instant.parse("2026-03-02T09:00:00Z"));
            assertThat(api.post("/api/v1/webhook_endpoints", "{\"webhook_endpoint\": {\"webhook_url\": \""
                    + receiver.url("/hooks") + "\", \"signature_algo\": \"hmac\"}}").status()).isEqualTo(200);
            List<String> weekly = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                new Scenario(api).customer("c" + i, null);
                String walletId = wallet("c" + i, "\"recurring_transaction_rules\": [{\"trigger\": \"interval\","
                        + " \"interval\": \"weekly\", \"granted_credits\": \"2\"}]");
                assertThat(api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                        + "\", \"granted_credits\": \"5\", \"expiration_at\": \"2026-03-05T00:00:00Z\"}}").status())
                        .isEqualTo(200);
                weekly.add(walletId);
            }
            new Scenario(api).customer("leaving", null);
            String expiring = wallet("leaving", "\"granted_credits\": \"10\", \"expiration_at\": \"2026-03-06T00:00:00Z\"");
            new Scenario(api).customer("capped", null);
            String capped = wallet("capped", "\"granted_credits\": \"10\", \"recurring_transaction_rules\": [{"
                    + "\"trigger\": \"threshold\", \"threshold_credits\": \"1\", \"granted_credits\": \"3\","
                    + " \"expiration_at\": \"2026-03-06T00:00:00Z\"}]");

            // Monday 9 March: every weekly rule is due, every 5-credit grant, the wallet and the threshold rule expired
            clock.set(Instant.parse("2026-03-09T00:30:00Z"));
            WalletJobs otherJobs = second.getBean(WalletJobs.class);
            together(() -> {
                jobs.topUpDue();
                jobs.expireDue();
            }, () -> {
                otherJobs.topUpDue();
                otherJobs.expireDue();
            });

            for (String walletId : weekly) {
                // 5 granted − 5 expired + 2 from the rule = 2 credits = 2.00 EUR at rate 1
                assertThat(balanceCents(walletId)).as(walletId).isEqualTo(200);
                assertThat(rows(walletId, "interval")).as("one top-up for the rule's day").isEqualTo(1);
                assertThat(rows(walletId, "expiry")).as("one void of the expired grant").isEqualTo(1);
            }
            assertThat(api.get("/api/v1/wallets/" + expiring).body().get("wallet").get("status").stringValue())
                    .isEqualTo("terminated");
            assertThat(webhooks("wallet.terminated")).as("one termination webhook").isEqualTo(1);
            assertThat(jdbc.sql("SELECT status FROM recurring_transaction_rules WHERE wallet_id = ?::uuid")
                    .param(capped).query(String.class).single()).isEqualTo("terminated");
            // its rule ended without firing (10 credits never fell to the threshold of 1): the balance is untouched
            assertThat(balanceCents(capped)).isEqualTo(1000);

            OrganizationId organization = organization();
            WebhookDeliveries otherDeliveries = second.getBean(WebhookDeliveries.class);
            long recorded = webhooks(null);
            // 4 grants + 2 wallets created with credits + 4 interval top-ups + 4 expiry voids, each recorded once
            assertThat(webhooks("wallet_transaction.created")).isEqualTo(14);
            for (int round = 0; round < 20 && webhooksNotSucceeded() > 0; round++) {
                together(() -> deliveries.deliverDue(organization).join(), () -> otherDeliveries.deliverDue(organization).join());
            }
            // every webhook row (wallet, transaction, customer and depletion ones) reached the receiver exactly once
            assertThat(webhooksNotSucceeded()).isZero();
            assertThat(receiver.all()).hasSize((int) recorded);
            assertThat(receiver.all().stream().map(r -> r.header("X-Lago-Unique-Key")).distinct()).hasSize((int) recorded);
        }
    }

    /** Runs both at the same instant, one per thread, and waits for both. */
    private static void together(Runnable first, Runnable other) {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> awaitThen(start, first));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> awaitThen(start, other));
        CompletableFuture.allOf(a, b).join();
    }

    private static void awaitThen(CyclicBarrier start, Runnable work) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        work.run();
    }

    private String wallet(String customer, String fields) {
        var response = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"" + customer + "\","
                + " \"rate_amount\": \"1\", \"currency\": \"EUR\", " + fields + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("wallet").get("lago_id").stringValue();
    }

    private long balanceCents(String walletId) {
        return api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("balance_cents").longValue();
    }

    private long rows(String walletId, String source) {
        return jdbc.sql("SELECT count(*) FROM wallet_transactions WHERE wallet_id = ?::uuid AND source = ?")
                .params(walletId, source).query(Long.class).single();
    }

    private OrganizationId organization() {
        return new OrganizationId(jdbc.sql("SELECT organization_id FROM api_keys WHERE value_prefix = ?")
                .param(api.apiKeyPrefix()).query(UUID.class).single());
    }

    /** This organization's webhook rows, of one type or (null) all. */
    private long webhooks(String type) {
        return jdbc.sql("SELECT count(*) FROM webhooks WHERE organization_id = ? AND (?::text IS NULL OR webhook_type = ?)")
                .params(organization().value(), type, type).query(Long.class).single();
    }

    private long webhooksNotSucceeded() {
        return jdbc.sql("SELECT count(*) FROM webhooks WHERE organization_id = ? AND status <> 'succeeded'")
                .param(organization().value()).query(Long.class).single();
    }
}
