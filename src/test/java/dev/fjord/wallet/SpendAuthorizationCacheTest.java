package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.customer.BalanceVersions;
import dev.fjord.metering.CurrentUsage;
import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiTest;
import dev.fjord.support.PricingContextTtl;
import dev.fjord.support.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The spend authorization remembers each customer's ongoing state per balance version: these tests prove that every
 * write that changes the balance is seen by the very next read. The shared test context reuses no pricing context
 * ({@code fjord.usage.context-ttl=PT0S}), which would hide the remembered path, so each test here gives it an hour
 * with the application clock frozen.
 */
class SpendAuthorizationCacheTest extends ApiTest {
    private static final long MARCH_10 = Instant.parse("2026-03-10T00:00:00Z").getEpochSecond();

    @Autowired
    private CurrentUsage currentUsage;
    @Autowired
    private BalanceVersions balanceVersions;
    private PricingContextTtl contextTtl;
    private Scenario s;
    private String walletId;

    @BeforeEach
    void rememberedStateAndACustomer() {
        contextTtl = PricingContextTtl.hold(currentUsage, Duration.ofHours(1));
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        s = new Scenario(api);
        s.customer("acme", "\"currency\": \"EUR\"");
        String metric = s.metric("calls", "count_agg", null, null);
        s.plan("plan", "monthly", 0, "EUR", "[{\"billable_metric_id\": \"" + metric
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"1\"}}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        walletId = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"10\"}}").body().get("wallet").get("lago_id").stringValue();
    }

    @AfterEach
    void sharedTtlBack() {
        contextTtl.restore();
    }

    @Test
    void anEventIsSeenByTheNextRead() {
        assertThat(available()).isEqualTo(1000);
        s.event("e1", "sub", "calls", MARCH_10, "{}");
        // 10.00 EUR granted − 1 call × 1.00
        assertThat(available()).isEqualTo(900);
        api.post("/api/v1/events/batch", "{\"events\": [{\"transaction_id\": \"e2\", \"external_subscription_id\": \"sub\","
                + " \"code\": \"calls\", \"timestamp\": " + MARCH_10 + "}, {\"transaction_id\": \"e3\","
                + " \"external_subscription_id\": \"sub\", \"code\": \"calls\", \"timestamp\": " + MARCH_10 + "}]}");
        // − 2 more calls
        assertThat(available()).isEqualTo(700);
    }

    @Test
    void walletWritesAreSeenByTheNextRead() {
        assertThat(available()).isEqualTo(1000);
        JsonNode purchase = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"paid_credits\": \"5\"}}").body().get("wallet_transactions").get(0);
        // Bought credits count once paid, not before.
        assertThat(available()).isEqualTo(1000);
        api.put("/api/v1/invoices/" + purchase.get("lago_invoice_id").stringValue(),
                "{\"invoice\": {\"payment_status\": \"succeeded\"}}");
        // 10 granted + 5 paid = 15.00 EUR
        assertThat(available()).isEqualTo(1500);
        api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"voided_credits\": \"2\"}}");
        assertThat(available()).isEqualTo(1300);
        api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"code\": \"extra\","
                + " \"rate_amount\": \"2\", \"currency\": \"EUR\", \"granted_credits\": \"1\"}}");
        // + 1 credit × 2.00 in a second wallet
        assertThat(available()).isEqualTo(1500);
        api.delete("/api/v1/wallets/" + walletId);
        assertThat(available()).isEqualTo(200);
    }

    @Test
    void everyBalanceWriteMovesTheVersionOtherInstancesCheck() {
        OrganizationId organization = new OrganizationId(jdbc.sql("SELECT organization_id FROM customers WHERE id = ?")
                .param(customerId()).query(UUID.class).single());
        long created = balanceVersions.of(organization, "acme").version();
        s.event("e1", "sub", "calls", MARCH_10, "{}");
        long afterEvent = balanceVersions.of(organization, "acme").version();
        api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"granted_credits\": \"1\"}}");
        long afterGrant = balanceVersions.of(organization, "acme").version();
        api.put("/api/v1/wallets/" + walletId, "{\"wallet\": {\"priority\": 3}}");
        long afterUpdate = balanceVersions.of(organization, "acme").version();
        assertThat(List.of(created, afterEvent, afterGrant, afterUpdate)).isSorted().doesNotHaveDuplicates();
        // A refused event (unknown metric) changes no aggregate and no version.
        api.post("/api/v1/events", "{\"event\": {\"transaction_id\": \"bad\", \"external_subscription_id\": \"sub\","
                + " \"code\": \"nope\", \"timestamp\": " + MARCH_10 + "}}");
        assertThat(balanceVersions.of(organization, "acme").version()).isEqualTo(afterUpdate);
    }

    @Test
    void pricingChangesShowWithinTheContextTtl() {
        s.event("e1", "sub", "calls", MARCH_10, "{}");
        assertThat(available()).isEqualTo(900);
        String charge = api.get("/api/v1/plans/plan").body().get("plan").get("charges").get(0).get("lago_id").stringValue();
        String metric = api.get("/api/v1/plans/plan").body().get("plan").get("charges").get(0).get("lago_billable_metric_id")
                .stringValue();
        api.put("/api/v1/plans/plan", "{\"plan\": {\"charges\": [{\"id\": \"" + charge + "\", \"billable_metric_id\": \""
                + metric + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"3\"}}]}}");
        // The remembered state (and pricing context) still prices a call at 1.00...
        assertThat(available()).isEqualTo(900);
        clock.set(Instant.parse("2026-03-15T13:00:00Z"));
        // ...until the context TTL (here 1 hour) has passed: 10.00 − 1 call × 3.00
        assertThat(available()).isEqualTo(700);
    }

    @Test
    void concurrentReadersNeverMissAnAcknowledgedEvent() throws Exception {
        int events = 9;
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            results.add(readers.submit(() -> {
                int reads = 0;
                while (!done.get()) {
                    int seenBefore = acknowledged.get();
                    long available = available();
                    int seenAfter = acknowledged.get();
                    // 1.00 EUR per call: every event acknowledged before the read counts, none beyond those sent
                    assertThat(available).isBetween(1000L - 100L * Math.min(seenAfter + 1, events),
                            1000L - 100L * seenBefore);
                    reads++;
                }
                return reads;
            }));
        }
        for (int i = 0; i < events; i++) {
            s.event("e" + i, "sub", "calls", MARCH_10, "{}");
            acknowledged.incrementAndGet();
        }
        done.set(true);
        readers.shutdown();
        int reads = 0;
        for (Future<Integer> result : results) {
            reads += result.get(60, TimeUnit.SECONDS);
        }
        assertThat(reads).isPositive();
        // 10.00 EUR − 9 calls × 1.00
        assertThat(available()).isEqualTo(100);
    }

    private long available() {
        var response = api.get("/api/v1/customers/acme/spend_authorization?amount_cents=1");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("spend_authorization").get("available_amount_cents").longValue();
    }

    private UUID customerId() {
        return UUID.fromString(api.get("/api/v1/customers/acme").body().get("customer").get("lago_id").stringValue());
    }
}
